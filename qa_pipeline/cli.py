"""Command line: parse arguments, call functions, return an exit code.

Exit codes: 0 every file passes, 1 the quality gate failed, 2 usage, configuration or input error.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qa_pipeline import __version__
from qa_pipeline.reporters import RENDERERS

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qa-pipeline",
        description="Check translations for leftover junk, numbers, untranslated text, truncation and punctuation.",
    )
    p.add_argument("--version", action="version", version=f"qa-pipeline {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check files and folders (the default command)")
    _add_check_args(check)

    base = sub.add_parser("baseline", help="record the current findings as the accepted baseline")
    _add_common(base)
    base.add_argument(
        "-o", "--output", default="qa-baseline.json", help="baseline file (default: qa-baseline.json)"
    )

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--config", type=Path, help="config file (for user rule folders)")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.add_argument("--validate", action="store_true", help="also validate the built-in rule files")

    sub.add_parser("formats", help="list the file formats and the extensions each reads")

    explain = sub.add_parser("explain", help="print one rule's documentation")
    explain.add_argument("rule", help="rule code or name, e.g. QA301")
    explain.add_argument("--config", type=Path)

    schema = sub.add_parser("schema", help="print a JSON Schema shipped with the tool")
    schema.add_argument("name", choices=("report", "rule-file", "baseline", "config"))
    schema.add_argument(
        "--format",
        choices=("json", "markdown"),
        default="json",
        help="markdown: the config reference (docs/config.md); only for `config`",
    )
    schema.add_argument("--config", type=Path, help="config file (for user rule folders)")
    return p


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="files or folders (default: the current folder)")
    p.add_argument("--config", type=Path, help="config file (default: found upward from the current folder)")
    p.add_argument(
        "--select", action="append", metavar="RULES", help="comma-separated codes, prefixes or names"
    )
    p.add_argument(
        "--ignore", action="append", metavar="RULES", help="comma-separated codes, prefixes or names"
    )
    p.add_argument(
        "--lang", "--target-language", dest="target_language", help="target language of every file"
    )
    p.add_argument("--source-language", help="source language")
    p.add_argument("--source", help="source path pattern, e.g. content/en/{path}")
    p.add_argument("--layout", help="translation path layout, e.g. content/{lang}/{path}")
    p.add_argument("--reference", help="reference translation path pattern (adds chrF/BLEU/TER)")
    p.add_argument("--min-score", type=float, help="minimum score for a file to pass (default 90)")
    p.add_argument(
        "--fail-on", choices=("critical", "major", "minor"), help="fail on any finding this severe"
    )
    p.add_argument(
        "--follow-links",
        action="store_true",
        default=None,
        help="follow symbolic links that point outside the checked folders (default: skip them)",
    )
    p.add_argument(
        "--diff",
        "--changed-since",
        dest="diff",
        metavar="REF",
        help="check only content changed since a git ref",
    )


def _add_check_args(p: argparse.ArgumentParser) -> None:
    _add_common(p)
    p.add_argument(
        "--format",
        choices=tuple(RENDERERS),
        help="output format (default: text; github under GitHub Actions)",
    )
    p.add_argument("-o", "--output", type=Path, help="write the output to a file instead of stdout")
    p.add_argument("--report-dir", type=Path, help="write JSON and HTML reports to this folder")
    p.add_argument("--html", type=Path, metavar="DIR", help="write the HTML report to this folder")
    p.add_argument("--baseline", type=Path, help="fail only on findings not in this baseline")
    p.add_argument(
        "--update-baseline", action="store_true", help="rewrite the baseline with the current findings"
    )
    p.add_argument("--compact", action="store_true", help="findings and one summary line (pre-commit)")
    p.add_argument(
        "--sarif", type=Path, metavar="FILE", help="also write a SARIF 2.1.0 log to FILE (for code scanning)"
    )
    color = p.add_mutually_exclusive_group()
    color.add_argument(
        "--color",
        dest="color",
        action="store_true",
        default=None,
        help="colour the text output, even in a pipe",
    )
    color.add_argument("--no-color", dest="color", action="store_false", help="never colour the text output")


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "select": _split(args.select),
        "ignore": _split(args.ignore),
        "source": args.source,
        "layout": args.layout,
        "reference": args.reference,
        "min-score": args.min_score,
        "fail-on": args.fail_on,
        "report-dir": str(args.report_dir) if getattr(args, "report_dir", None) else None,
        "follow-links": args.follow_links,
    }


def _err(msg: str) -> int:
    for line in msg.splitlines() or [""]:
        print(f"qa-pipeline: error: {line}", file=sys.stderr)
    return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up allocates many long-lived objects (rules, compiled patterns, locale data): collect
    # garbage less often while it does — a pre-commit run is dominated by start-up.
    gc.set_threshold(50_000, 20, 20)
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"check", "baseline", "rules", "explain", "schema", "formats"}
    if not argv or (argv[0] not in commands and argv[0] not in ("-h", "--help", "--version")):
        argv = ["check", *argv]
    args = _parser().parse_args(argv)
    previous = _catch_sigterm()
    try:
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "explain":
            return cmd_explain(args)
        if args.command == "formats":
            from qa_pipeline.readers.formats import listing

            sys.stdout.write(listing())
            return EXIT_OK
        if args.command == "schema":
            return cmd_schema(args)
        if args.command == "baseline":
            return cmd_baseline(args)
        return cmd_check(args)
    except KeyboardInterrupt as exc:
        # output written so far is complete or absent: writers clean their temporaries on the way out
        return _err("interrupted (SIGTERM)" if isinstance(exc, Terminated) else "interrupted")
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from qa_pipeline.errors import user_error

        message = user_error(exc)
        if message is None:
            if os.environ.get("QA_PIPELINE_DEBUG"):
                raise
            # a bug, not the user's input: still one line and exit code 2, never "gate failed"
            return _err(
                f"internal error: {type(exc).__name__}: {exc} (QA_PIPELINE_DEBUG=1 shows the traceback)"
            )
        return _err(message)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every writer removes its temporary files."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


def _catch_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated` for this call; the previous handler (None if unchanged)."""
    if not hasattr(signal, "SIGTERM") or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_terminated)


def _settings(args: argparse.Namespace) -> Any:
    from qa_pipeline.config import find_config, load_settings
    from qa_pipeline.registry import load_registry

    # The config is searched from the first checked path; without one, paths (and so fingerprints and
    # baseline keys) are relative to the current folder, whichever path comes first on the command line.
    paths = getattr(args, "paths", None) or []
    config = args.config or find_config(_config_start(paths))
    overrides = _overrides(args) if hasattr(args, "paths") else {}
    return load_settings(config, Path.cwd(), load_registry, overrides)


def _config_start(paths: Sequence[str]) -> Path:
    """Where to look for a config file: the first checked path (a folder, or a file's folder), walking up;
    the current folder when no path is given. So `qa-pipeline check examples/` uses examples/'s config."""
    if not paths:
        return Path.cwd()
    first = Path(paths[0]).resolve()
    return first if first.is_dir() else first.parent


def _checked(args: argparse.Namespace, settings: Any, registry: Any) -> Any:
    """Stages 1–4 of the pipeline (collect, plan, read, check) for the command line's paths."""
    from qa_pipeline import pipeline

    paths = args.paths or ["."]
    for p in paths:
        if not Path(p).exists():
            raise FileNotFoundError(p)
    options = pipeline.RunOptions(target_language=args.target_language, source_language=args.source_language)
    return pipeline.check(paths, settings, registry, options, args.diff)


def _check_outputs(args: argparse.Namespace, report_dir: Path | None, html_dir: Path | None) -> None:
    """Refuse unusable output paths before the run, not after it."""
    from qa_pipeline.fsutil import check_file_target, check_folder_target

    for path in (args.output, args.sarif):
        if path is not None:
            check_file_target(path)
    for folder in (report_dir, html_dir):
        if folder is not None:
            check_folder_target(folder)


def _same_path(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def cmd_check(args: argparse.Namespace) -> int:
    from qa_pipeline.pipeline import gate_run

    settings, registry = _settings(args)
    report_dir = args.report_dir or settings.report_dir
    html_dir = args.html
    if html_dir is not None and report_dir is not None and _same_path(html_dir, report_dir):
        html_dir = None  # the report folder has the HTML report already
    baseline_path = args.baseline or settings.baseline
    _check_outputs(args, report_dir, html_dir)
    if args.update_baseline:
        if baseline_path is None:
            return _err("--update-baseline needs --baseline FILE (or `baseline` in config)")
        from qa_pipeline.fsutil import check_file_target

        check_file_target(baseline_path)
    done = _checked(args, settings, registry)
    baseline = None
    if baseline_path is not None:
        from qa_pipeline.baseline import read_baseline, write_baseline

        if args.update_baseline:
            write_baseline(gate_run(done.run, settings, done.diff), baseline_path, settings)
            print(f"qa-pipeline: baseline {baseline_path} updated", file=sys.stderr)
        baseline = read_baseline(baseline_path)
    run = gate_run(done.run, settings, done.diff, baseline)
    if report_dir is not None:
        from qa_pipeline.reporters.files import write_report_dir

        write_report_dir(run, report_dir, html=True)
    if html_dir is not None:
        from qa_pipeline.reporters.files import write_html

        write_html(run, html_dir)
    from qa_pipeline.reporters import render

    if args.sarif is not None:
        from qa_pipeline.fsutil import write_atomic

        write_atomic(args.sarif, render(run, "sarif"))
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    output = render(run, fmt, _render_options(args))
    if args.output is not None:
        from qa_pipeline.fsutil import write_atomic

        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
    if any(f.error is not None or f.rule_errors for f in run.files):
        return EXIT_ERROR
    return EXIT_OK if run.passed else EXIT_FAIL


def _render_options(args: argparse.Namespace) -> Any:
    from qa_pipeline.reporters import RenderOptions

    # --color / --no-color decide; otherwise colour on a terminal unless NO_COLOR is set (no-color.org)
    color = args.color
    if color is None:
        color = args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return RenderOptions(color=bool(color), compact=args.compact)


def cmd_baseline(args: argparse.Namespace) -> int:
    from qa_pipeline.baseline import write_baseline
    from qa_pipeline.fsutil import check_file_target
    from qa_pipeline.pipeline import gate_run

    out = Path(args.output)
    check_file_target(out)
    settings, registry = _settings(args)
    done = _checked(args, settings, registry)
    run = gate_run(done.run, settings, done.diff)
    write_baseline(run, out, settings)
    n = sum(len(f.findings) for f in run.files)
    print(f"qa-pipeline: wrote {out} ({n} finding(s) in {len(run.files)} file(s))", file=sys.stderr)
    return EXIT_ERROR if any(f.error is not None or f.rule_errors for f in run.files) else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from qa_pipeline import docs

    _, registry = _settings(args)
    if args.validate:
        from qa_pipeline.registry import load_registry

        load_registry(validate_builtin=True)
    sys.stdout.write(docs.rules_listing(registry, args.format))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from qa_pipeline import docs

    _, registry = _settings(args)
    entry = registry.get(args.rule)
    if entry is None:
        return _err(f"unknown rule {args.rule!r} (see `qa-pipeline rules`)")
    sys.stdout.write(docs.explain(entry))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    if args.name == "config":
        from qa_pipeline.config.schema import config_reference, config_schema

        _, registry = _settings(args)
        if args.format == "markdown":
            sys.stdout.write(config_reference(registry))
            return EXIT_OK
        data = config_schema(registry)
    elif args.format == "markdown":
        return _err("--format markdown is only for `qa-pipeline schema config`")
    elif args.name == "rule-file":
        from qa_pipeline.declarative.loader import rule_file_schema

        data = rule_file_schema()
    else:
        from qa_pipeline.schemas import load_schema

        data = load_schema(f"{args.name}.schema.json")
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
