"""Memory and time of reading a large Moses corpus pair (target: 1M lines in well under 2 GB).

Writes ``corpus.en`` / ``corpus.fr`` of ``--lines`` lines (default 1,000,000, about 60 MB each) to a
temporary folder and reads the French file with its source in a fresh process, reporting the read
time, the peak resident memory (``ru_maxrss``) and the bytes per segment above the decoded text. The
reader keeps the target text (the document's text), one segment per line and nothing else per line:
the source file is streamed line by line.

    python benchmarks/moses_memory.py [--lines 1000000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import resource, sys, time
from pathlib import Path
from qa_pipeline.readers import read_document
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
doc = read_document(Path(sys.argv[1]))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(doc.segments), len(doc.text), round(elapsed, 2), base, peak)
"""


def write_pair(folder: Path, lines: int) -> Path:
    with (
        (folder / "corpus.en").open("w", encoding="utf-8") as en,
        (folder / "corpus.fr").open("w", encoding="utf-8") as fr,
    ):
        for n in range(lines):
            en.write(f"Sentence number {n} of the corpus, with a few more words.\n")
            fr.write(f"Phrase numéro {n} du corpus, avec quelques mots de plus.\n")
    return folder / "corpus.fr"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = write_pair(Path(tmp), args.lines)
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(target)], capture_output=True, text=True, check=True
        )
    segments, chars, seconds, base_kb, peak_kb = (float(x) for x in out.stdout.split())
    extra = (peak_kb - base_kb) * 1024
    print(f"{int(segments):,} segments read in {seconds:.1f} s")
    print(
        f"peak RSS {peak_kb / 1024:.0f} MB ({(peak_kb - base_kb) / 1024:.0f} MB above the interpreter and imports)"
    )
    print(
        f"text {chars * 1 / 1e6:.0f} M characters; {(extra - chars) / max(segments, 1):.0f} bytes per segment besides it"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
