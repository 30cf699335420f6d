"""The hostile-input corpus: files a translation repository should never contain, built in code.

Each :class:`Hostile` is a file name (its extension picks the reader), its bytes and the outcome it
must have: either ``error`` — the exact one-line message the reader gives (the CLI prefixes the
path) — or a correct read, with the segment targets it must give. Where a file is the same document
in another encoding or with other line breaks, the expected targets are those of the plain UTF-8
document, read by the same reader (``same_as``).
"""

from __future__ import annotations

import codecs
import struct
import zlib
from dataclasses import dataclass

TEXT = "Bonjour le monde entier, é.\nDeuxième ligne du même paragraphe.\n\nUn autre paragraphe ici.\n"
MARKDOWN = "# Titre é\n\nBonjour le monde entier.\nSuite du paragraphe.\n\n- un élément\n- deux\n"
PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
    '#. a comment\nmsgid "Hello world"\nmsgstr "Bonjour le monde é"\n\n'
    'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "Un fichier"\nmsgstr[1] "%d fichiers"\n'
)
XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="a" source-language="en" target-language="fr"><body>\n'
    '<trans-unit id="1"><source>Hello world</source><target>Bonjour le monde é</target></trans-unit>\n'
    '<trans-unit id="2"><source>Save <g id="b">now</g></source><target>Enregistrer <g id="b">maintenant</g>'
    "</target></trans-unit>\n</body></file></xliff>\n"
)
DOCS = {"txt": TEXT, "md": MARKDOWN, "po": PO, "xliff": XLIFF}

_X0 = (
    '<xliff version="1.2"><file original="a" source-language="en" target-language="fr"><body>'
    '<trans-unit id="1"><source>x</source><target>'
)
_X1 = "</target></trans-unit></body></file></xliff>\n"


def _xliff(target: str, doctype: str = "", namespaces: str = "") -> bytes:
    head = _X0.replace("<xliff ", f"<xliff {namespaces} ") if namespaces else _X0
    return f'<?xml version="1.0"?>\n{doctype}{head}{target}{_X1}'.encode()


@dataclass(frozen=True)
class Hostile:
    """A hostile file and its outcome: ``error`` (exact message) or a read giving ``targets``."""

    name: str
    data: bytes
    error: str | None = None
    targets: tuple[str, ...] | None = None
    same_as: str | None = None  # a format key of DOCS: the targets are that document's
    note: str = ""
    heavy: bool = False  # one long segment: the CLI runs it with the language rules off (slow there)

    @property
    def fmt(self) -> str:
        return self.name.rsplit(".", 1)[1]


UNSAFE = "unsafe XML: entity declarations are not allowed (possible entity-expansion attack)"
BINARY = "binary file (contains NUL bytes), not text"


def _encodings() -> list[Hostile]:
    out = []
    for ext, text in DOCS.items():
        out.append(Hostile(f"utf8-bom.{ext}", codecs.BOM_UTF8 + text.encode(), same_as=ext))
        for enc, bom in (
            ("utf-16-le", codecs.BOM_UTF16_LE),
            ("utf-16-be", codecs.BOM_UTF16_BE),
            ("utf-32-le", codecs.BOM_UTF32_LE),
            ("utf-32-be", codecs.BOM_UTF32_BE),
        ):
            body = text.replace('encoding="UTF-8"', f'encoding="{enc[:6].upper()}"')
            out.append(Hostile(f"{enc}-bom.{ext}", bom + body.encode(enc), same_as=ext))
            out.append(Hostile(f"{enc}-nobom.{ext}", body.encode(enc), same_as=ext))
        out.append(Hostile(f"crlf.{ext}", text.replace("\n", "\r\n").encode(), same_as=ext))
        mixed = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(text.split("\n")[:-1]))
        out.append(Hostile(f"mixed-crlf-lf.{ext}", mixed.encode(), same_as=ext))
        out.append(Hostile(f"empty.{ext}", b"", **_empty(ext)))
        out.append(Hostile(f"bom-only.{ext}", codecs.BOM_UTF8, **_empty(ext)))
        out.append(Hostile(f"blank.{ext}", b" \n\t\r\n\n", **_empty(ext, line=4)))
        latin = text.encode("latin-1")
        bad = latin.index(b"\xe9")
        line = latin.count(b"\n", 0, bad) + 1
        out.append(
            Hostile(
                f"latin1.{ext}",
                latin,
                error=f"not valid UTF-8: byte 0xe9 at line {line} (convert the file to UTF-8)",
            )
        )
        utf8 = text.encode()
        end_line = utf8.count(b"\n") + 1
        for label, tail in (
            ("truncated-sequence", b"\xc3"),
            ("overlong", b"\xc0\xaf"),
            ("cesu-surrogate", b"\xed\xa0\x80"),
            ("lone-continuation", b"\x80"),
            ("ff-byte", b"\xff"),
        ):
            out.append(
                Hostile(
                    f"bad-utf8-{label}.{ext}",
                    utf8 + tail,
                    error=f"not valid UTF-8: byte 0x{tail[:1].hex()} at line {end_line} (convert the file to UTF-8)",
                )
            )
        out.append(Hostile(f"nul-early.{ext}", utf8.replace(b"Bonjour", b"Bon\x00jour", 1), error=BINARY))
        out.append(Hostile(f"nul-late.{ext}", utf8 + b"\n" * 9000 + b"x\x00y\n", error=BINARY))
        out.append(Hostile(f"odd-utf16.{ext}", text.encode("utf-16-le") + b"x", error=BINARY))
    return out


def _empty(ext: str, line: int = 1) -> dict[str, object]:
    if ext == "xliff":
        column = 1
        return {"error": f"line {line}, column {column}: malformed XML (no element found)"}
    return {"targets": ()}


def _binary() -> list[Hostile]:
    png = (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    )
    png += zlib.compress(bytes(range(256)) * 4)
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
    zipped = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + zlib.compress(XLIFF.encode())
    noise = bytes((i * 131 + 7) % 256 for i in range(4096))
    out = []
    for ext in DOCS:
        out += [
            Hostile(f"png.{ext}", png, error=BINARY),
            Hostile(f"elf.{ext}", elf, error=BINARY),
            Hostile(f"zip.{ext}", zipped, error=BINARY, note="a .docx/.xlsx saved under a text name"),
            Hostile(f"noise.{ext}", noise, error=BINARY),
        ]
    out.append(
        Hostile(
            "utf16-bad-surrogate.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", error="invalid UTF-16-LE at byte 2"
        )
    )
    return out


def _line_breaks() -> list[Hostile]:
    cr = {ext: text.replace("\n", "\r").encode() for ext, text in DOCS.items()}
    seps = "Un\x0bdeux\x0ctrois\x1cquatre\x85cinq\u2028six\u2029sept.\n"
    return [
        Hostile("cr-only.txt", cr["txt"], same_as="txt"),
        Hostile("cr-only.md", cr["md"], same_as="md"),
        Hostile("cr-only.xliff", cr["xliff"], same_as="xliff"),
        Hostile(
            "cr-only.po",
            cr["po"],
            error="line 1: lone carriage return (CR): PO files need LF or CRLF line breaks",
        ),
        Hostile(
            "unicode-separators.txt",
            seps.encode(),
            targets=("Un", "deux", "trois", "quatre", "cinq", "six", "sept."),
            note="str.splitlines() breaks: each is a line of its own",
        ),
        Hostile("unicode-separators.md", seps.encode(), targets=(seps.strip(),)),
    ]


def _po() -> list[Hostile]:
    return [
        Hostile(
            "eof-in-string.po",
            b'msgid "Hello"\nmsgstr "Bonj',
            error="line 2: unterminated string (missing closing quote)",
        ),
        Hostile(
            "eof-after-backslash.po",
            b'msgid "Hello"\nmsgstr "Bonj\\',
            error="line 2: unterminated string (backslash at the end of the line)",
        ),
        Hostile("msgid-without-msgstr.po", b'msgid "Hello"\n', error="line 1: msgid without msgstr"),
        Hostile(
            "eof-after-plural.po", b'msgid "a"\nmsgid_plural "b"\n', error="line 1: msgid without msgstr"
        ),
        Hostile(
            "eof-after-keyword.po",
            b'msgid "a"\nmsgstr',
            error="line 2: msgstr must be followed by a quoted string",
        ),
        Hostile(
            "missing-msgstr-mid-file.po",
            b'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n',
            error="line 3: second msgid in one entry (missing msgstr?)",
        ),
        Hostile(
            "huge-plural-index.po",
            b'msgid "a"\nmsgid_plural "b"\nmsgstr[' + b"9" * 5000 + b'] "x"\n',
            error="line 3: plural form index msgstr[9999999999…] is too large",
        ),
        Hostile("latin1-declared.po", PO.replace("UTF-8", "ISO-8859-1").encode("latin-1"), same_as="po"),
        Hostile(
            "latin1-in-utf8-declared.po",
            PO.encode("latin-1"),
            error="not valid UTF-8: byte 0xe9 at line 8 (convert the file to UTF-8)",
        ),
        Hostile("unknown-charset.po", PO.replace("UTF-8", "KLINGON").encode(), same_as="po"),
        Hostile(
            "base64-charset.po",
            PO.replace("UTF-8", "base64").encode(),
            same_as="po",
            note="not a text encoding",
        ),
        Hostile(
            "utf7-charset.po",
            PO.replace("UTF-8", "UTF-7").replace("le monde", "+ADw-b+AD4-").encode(),
            targets=("Bonjour +ADw-b+AD4- é", "Un fichier", "%d fichiers"),
            note="UTF-7 refused: read as UTF-8",
        ),
        Hostile("long-hex-escape.po", b'msgid "a"\nmsgstr "\\x' + b"4" * 100_000 + b'"\n', targets=("D",)),
    ]


def _xml() -> list[Hostile]:
    quadratic = f'<!DOCTYPE xliff [<!ENTITY a "{"a" * 100_000}">]>\n'
    return [
        Hostile("billion-laughs.xliff", _xliff("&l9;", _laughs() + "\n"), error=UNSAFE),
        Hostile("quadratic-blowup.xliff", _xliff("&a;" * 10_000, quadratic), error=UNSAFE),
        Hostile(
            "external-entity.xliff",
            _xliff("&s;", '<!DOCTYPE xliff [<!ENTITY s SYSTEM "file:///etc/passwd">]>\n'),
            error=UNSAFE,
        ),
        Hostile(
            "external-parameter-entity.xliff",
            _xliff("y", '<!DOCTYPE xliff [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n'),
            error=UNSAFE,
        ),
        Hostile(
            "external-dtd.xliff",
            _xliff("y", '<!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/xliff.dtd">\n'),
            targets=("y",),
            note="the DTD is never fetched",
        ),
        Hostile(
            "internal-dtd.xliff",
            _xliff("y", '<!DOCTYPE xliff [<!ELEMENT xliff ANY><!ATTLIST note a CDATA "]>">]>\n'),
            targets=("y",),
        ),
        Hostile(
            "xinclude.xliff",
            _xliff(
                'a<xi:include href="/etc/passwd" parse="text"/>',
                namespaces='xmlns:xi="http://www.w3.org/2001/XInclude"',
            ),
            targets=('a<xi:include href="/etc/passwd" parse="text"/>',),
            note="XInclude is not processed: the element stays as protected markup",
        ),
        Hostile(
            "deep-inline.xliff",
            _xliff('<g id="1">' * 20_000 + "y" + "</g>" * 20_000),
            heavy=True,
            targets=('<g id="1">' * 20_000 + "y" + "</g>" * 20_000,),
        ),
        Hostile(
            "deep-groups.xliff",
            (
                '<xliff version="1.2"><file source-language="en" target-language="fr"><body>'
                + "<group>" * 20_000
                + '<trans-unit id="1"><source>x</source><target>y</target></trans-unit>'
                + "</group>" * 20_000
                + "</body></file></xliff>"
            ).encode(),
            targets=("y",),
        ),
        Hostile(
            "deep-unknown.xliff",
            _xliff("y").replace(b"</body>", b"<a>" * 50_000 + b"</a>" * 50_000 + b"</body>"),
            targets=("y",),
        ),
        # cut inside ``<source>`` of the first unit: line 4 is ``<trans-unit id="1"><sou``
        Hostile(
            "truncated.xliff", XLIFF.encode()[:200], error="line 4, column 20: malformed XML (unclosed token)"
        ),
        Hostile(
            "control-char.xliff",
            _xliff("a\x01b"),
            error=f"line 2, column {len(_X0) + 2}: malformed XML (not well-formed (invalid token))",
        ),
        Hostile(
            "bad-charref.xliff",
            _xliff("&#xFFFFFFFF;"),
            error=f"line 2, column {len(_X0) + 1}: malformed XML (reference to invalid character number)",
        ),
        Hostile(
            "rot13-declared.xliff",
            XLIFF.replace("UTF-8", "rot13").encode(),
            same_as="xliff",
            note="not a text encoding: UTF-8",
        ),
        Hostile(
            "not-xliff.xliff",
            b"<html><body><p>Bonjour</p></body></html>",
            error="not an XLIFF file (root element <html>)",
        ),
        Hostile(
            "latin1-declared.xliff", XLIFF.replace("UTF-8", "ISO-8859-1").encode("latin-1"), same_as="xliff"
        ),
        Hostile(
            "latin1-declared-utf8-bytes.xliff",
            _xliff("é").replace(b'version="1.0"', b'version="1.0" encoding="ISO-8859-1"'),
            targets=("Ã©",),
            note="the declaration wins; the mojibake rule then reports it",
        ),
    ]


def _other_xml() -> list[Hostile]:
    """The other XML formats share the XLIFF reader's defences (defusedxml); HTML expands no entity."""
    laughs = _laughs()
    passwd = '<!DOCTYPE x [<!ENTITY s SYSTEM "file:///etc/passwd">]>'
    tmx = (
        '<?xml version="1.0"?>\n{dtd}\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
        'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>'
        '<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>{ref}</seg></tuv></tu></body></tmx>\n'
    )
    android = '<?xml version="1.0" encoding="utf-8"?>\n{dtd}\n<resources><string name="a">{ref}</string></resources>\n'
    plist = (
        '<?xml version="1.0" encoding="UTF-8"?>\n{dtd}\n<plist version="1.0"><dict><key>k</key><dict>'
        "<key>NSStringLocalizedFormatKey</key><string>%#@n@</string><key>n</key><dict>"
        "<key>NSStringFormatSpecTypeKey</key><string>NSStringPluralRuleType</string>"
        "<key>NSStringFormatValueTypeKey</key><string>d</string><key>one</key><string>{ref}</string>"
        "<key>other</key><string>x</string></dict></dict></dict></plist>\n"
    )
    out = []
    for label, dtd, ref in (("billion-laughs", laughs, "&l9;"), ("external-entity", passwd, "&s;")):
        out += [
            Hostile(f"{label}.tmx", tmx.format(dtd=dtd, ref=ref).encode(), error=UNSAFE),
            Hostile(f"{label}-android.xml", android.format(dtd=dtd, ref=ref).encode(), error=UNSAFE),
            Hostile(f"{label}.stringsdict", plist.format(dtd=dtd, ref=ref).encode(), error=UNSAFE),
        ]
    out.append(
        Hostile(
            "entities.html",
            '<!DOCTYPE html>\n<html lang="fr"><body><p>Bonjour &s; et &l9; &amp; é</p></body></html>\n'.encode(),
            targets=("Bonjour &s; et &l9; & é",),
            note="entities a page declares are never expanded: an unknown reference stays as written",
        )
    )
    out.append(
        Hostile(
            "self-closing-tags.html",
            b'<html lang="fr"><body><p>Logo<path/></svg>Logo <code/> et <b/>gras</p></body></html>\n',
            targets=("Logo<path/></svg>Logo <code/> et <b/>gras",),
            note="found by fuzzing: a non-void <x/> outside SVG was read twice, at the same place",
        )
    )
    return out


def _keyed() -> list[Hostile]:
    """JSON and YAML translation files: deep nesting refused, YAML aliases not expanded."""
    aliases = ["fr:", '  a0: &a0 ["lol", "lol", "lol"]']
    aliases += [f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return [
        Hostile(
            "deep.json",
            ('{"a": ' + "[" * 50_000 + '"x"' + "]" * 50_000 + "}").encode(),
            error="line 1, column 206: malformed JSON (nested deeper than 200 levels)",
        ),
        Hostile(
            "deep-objects.json",
            ('{"a": ' + '{"b": ' * 50_000 + '"x"' + "}" * 50_000 + "}").encode(),
            error="line 1, column 1201: malformed JSON (nested deeper than 200 levels)",
        ),
        Hostile(
            "deep.yml",
            ("fr:\n  k: " + "[" * 50_000 + "]" * 50_000 + "\n").encode(),
            error="line 2, column 1004: malformed YAML (exceeded maximum nesting depth)",
        ),
        Hostile(
            "alias-bomb.yml",
            ("\n".join(aliases) + "\n").encode(),
            targets=("lol", "lol", "lol"),
            note="an alias is not read again: only the anchored values are segments",
        ),
        Hostile("alias-cycle.yml", b"fr: &r\n  k: *r\n", targets=()),
    ]


def _laughs() -> str:
    levels = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    return f"<!DOCTYPE x [{''.join(levels)}]>"


def _markdown() -> list[Hostile]:
    nested = "block quotes or lists nested 100 levels deep: cannot be checked"
    return [
        Hostile("deep-quote.md", (">" * 5000 + " profond\n\nAprès.\n").encode(), error=nested),
        Hostile("deep-list.md", "".join("  " * i + "- item\n" for i in range(200)).encode(), error=nested),
        Hostile(
            "quote-50-deep.md", (">" * 50 + " profond\n\nAprès.\n").encode(), targets=("profond", "Après.")
        ),
        Hostile(
            "many-backticks.md",
            ("x " + "`" * 50_000 + " y\n").encode(),
            heavy=True,
            targets=("x " + "`" * 50_000 + " y",),
        ),
        Hostile(
            "unclosed-comments.md",
            ("x " + "<!-- qa-ignore: QA1 " * 5000 + "\n").encode(),
            heavy=True,
            targets=("x " + ("<!-- qa-ignore: QA1 " * 5000).strip(),),
        ),
        Hostile(
            "unclosed-backtick-runs.md",
            (" ".join("`" * n for n in range(1, 300)) + "\n").encode(),
            heavy=True,
            targets=(" ".join("`" * n for n in range(1, 300)),),
        ),
        Hostile(
            "deep-brackets.md",
            ("[" * 20_000 + "x" + "](" * 20_000 + ")\n").encode(),
            heavy=True,
            targets=("[" * 20_000 + "x" + "](" * 20_000 + ")",),
        ),
    ]


def _text() -> list[Hostile]:
    return [
        Hostile(
            "long-line.txt",
            ("mot " * 50_000).strip().encode(),
            heavy=True,
            targets=(("mot " * 50_000).strip(),),
        ),
    ]


def corpus() -> list[Hostile]:
    """Every hostile file, names unique."""
    out = (
        _encodings()
        + _binary()
        + _line_breaks()
        + _po()
        + _xml()
        + _other_xml()
        + _keyed()
        + _markdown()
        + _text()
    )
    names = [h.name for h in out]
    assert len(names) == len(set(names)), "duplicate hostile file names"
    return out
