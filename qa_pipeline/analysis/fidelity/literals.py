"""Literal tokens a translation must carry over unchanged: URLs, e-mail addresses, file paths,
command-line options and backslash escapes.

Each finder returns :class:`Literal` items with a comparison ``key``; :func:`compare` pairs the
source's items with the target's and tells what is missing, added or changed. Keys absorb the
differences a correct localization makes: a URL's locale (``/en/`` → ``/fr/``, ``en.wikipedia.org``
→ ``fr.wikipedia.org``, ``?lang=fr``, a locale segment added as in ``docs.python.org/fr/3/``), the
scheme upgrade ``http`` → ``https``, a trailing slash, and the made-up parts of example addresses
(``jane@example.com`` → ``marie@example.com``, ``/home/user`` → ``/home/utilisateur``).

Offsets are code points of the text given (the caller passes a segment's target or its prose).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import regex

from qa_pipeline.model import Span, Violation
from qa_pipeline.text.protect import EMAIL_RE, URL_RE


@dataclass(frozen=True)
class Literal:
    """One literal token: ``text[start:end]`` and the key it is compared by."""

    text: str
    start: int
    end: int
    key: str
    host: str = ""  # URLs: the host with its locale label replaced (for "changed" and localized links)
    locale: str = ""  # URLs and paths: the locale codes the token names (``en``, ``fr``)


@dataclass(frozen=True)
class Comparison:
    """Source items without a counterpart, target items without one, and likely pairs of the two."""

    missing: list[Literal] = field(default_factory=list)
    added: list[Literal] = field(default_factory=list)
    changed: list[tuple[Literal, Literal]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.added or self.changed)


# Where markup carries a link (an HTML attribute, a Markdown link destination): the markup rules
# (QA82x) compare those, so the URL rules leave them alone.
_MARKUP_ZONE = regex.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")
_LOCALE = regex.compile(r"^[a-z]{2,3}(?:[-_](?:[a-z]{2}|[a-z]{4}|\d{3}))?$", regex.IGNORECASE)
_LOCALE_PARAMS = frozenset({"lang", "hl", "locale", "language", "lng", "setlang", "uselang", "lc"})
_EXAMPLE_HOST = regex.compile(
    r"(?:^|\.)(?:example\.(?:com|org|net|edu)|[\w-]+\.(?:example|test|invalid|localhost))$", regex.IGNORECASE
)


@cache
def _is_locale(token: str) -> bool:
    from qa_pipeline.languages import is_language

    return bool(_LOCALE.match(token)) and is_language(token)


def markup_zones(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _MARKUP_ZONE.finditer(text)]


def _inside(start: int, zones: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start < b for a, b in zones)


def _url_parts(url: str) -> tuple[str, str, str]:
    """(key, host key, locales) of a URL."""
    m = regex.match(r"(?i)^(?:(https?|ftp)://)?([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$", url)
    if m is None:  # pragma: no cover - the pattern matches every string
        return url, "", ""
    scheme = (m.group(1) or "https").lower().replace("http", "https").replace("httpss", "https")
    host = m.group(2).lower().removeprefix("www.")
    host = regex.sub(r":(?:80|443)$", "", host)
    locales: list[str] = []
    labels = host.split(".")
    if len(labels) >= 3 and _is_locale(labels[0]):
        locales.append(labels[0].lower())
        labels[0] = "{L}"
    host = ".".join(labels)
    segments = []
    for part in m.group(3).split("/"):
        if _is_locale(part):
            locales.append(part.lower().replace("_", "-"))
            continue
        segments.append(part)
    path = "/".join(segments).rstrip("/")
    query = ""
    if m.group(4):
        params = []
        for param in m.group(4)[1:].split("&"):
            name, sep, value = param.partition("=")
            if name.lower() in _LOCALE_PARAMS and sep:
                locales.append(value.lower())
                value = "{L}"
            params.append(f"{name}{sep}{value}")
        query = "?" + "&".join(params)
    if _EXAMPLE_HOST.search(host):
        return f"{scheme}://{host}/*", host, ""
    return f"{scheme}://{host}{path}{query}{m.group(5) or ''}", host, ",".join(locales)


def urls(text: str) -> list[Literal]:
    """URLs outside markup attributes and Markdown link destinations."""
    zones = markup_zones(text)
    out = []
    for m in URL_RE.finditer(text):
        if _inside(m.start(), zones):
            continue
        url = _GLUED.split(m.group(), maxsplit=1)[0].rstrip(".,;:!?)")
        key, host, locale = _url_parts(url)
        out.append(Literal(url, m.start(), m.start() + len(url), key, host, locale))
    return out


# Text of a script written without spaces (or full-width punctuation) glued to a URL ends it:
# ``https://example.org/。`` or ``…#confval-language를``.
_GLUED = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]"
)


def emails(text: str) -> list[Literal]:
    """E-mail addresses; an example address (``…@example.com``) keys on its domain only."""
    zones = markup_zones(text)
    url_spans = [(m.start(), m.end()) for m in URL_RE.finditer(text)]
    out = []
    for m in EMAIL_RE.finditer(text):
        if _inside(m.start(), zones) or _inside(m.start(), url_spans):
            continue
        address = m.group()
        local, _, domain = address.rpartition("@")
        key = f"*@{domain.lower()}" if _EXAMPLE_HOST.search(domain) else f"{local}@{domain.lower()}"
        out.append(Literal(address, m.start(), m.end(), key, domain.lower()))
    return out


_EXTENSIONS = (
    "py|pyc|js|mjs|ts|json|ya?ml|toml|cfg|ini|conf|txt|rst|md|po|pot|mo|xml|html?|css|scss|csv|sh|bash|"
    "bat|ps1|exe|dll|so|dylib|log|tex|sty|pdf|png|jpe?g|gif|svg|ico|zip|gz|tgz|bz2|xz|db|sqlite3?|lock|"
    "desktop|service|plist|strings|xliff|xlf|java|kt|swift|rb|php|go|rs|c|h|cpp|hpp|sql|epub|mp3|mp4"
)
_BEFORE = r"(?<![\w/.~<>:\\@%&$=+-])"
_PATH_CHARS = r"[\w.@+{}$%\uE000-]"
PATH_RE = regex.compile(
    rf"""
    {_BEFORE}(?:~|\.\.?)?/{_PATH_CHARS}+(?:/{_PATH_CHARS}+)*/?                        # /etc/hosts, ~/.config, ./x
    | {_BEFORE}[A-Za-z]:\\(?:[^\s"'<>|*?\\]+\\?)*                                      # C:\Users\x
    | {_BEFORE}%[A-Za-z_]+%\\(?:[^\s"'<>|*?\\]+\\?)*                                   # %APPDATA%\x
    | {_BEFORE}{_PATH_CHARS}+(?:/{_PATH_CHARS}+)+\.(?:{_EXTENSIONS})(?![\w-])          # docs/conf.py
    | {_BEFORE}[\w-][\w.-]*\.(?:{_EXTENSIONS})(?![\w/-]|\.\w)                          # conf.py
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_EXAMPLE_PATH = regex.compile(r"path/to|/your[-_]?|\.\.\.|…|\uE000", regex.IGNORECASE)
_EXAMPLE_CUE = regex.compile(r"(?i)\b(?:example|e\.g\.|eg\.|for instance|such as)\b[^.!?;]*$")
_USER_DIR = regex.compile(r"(?i)^(/home/|/Users/|[A-Z]:\\Users\\|[A-Z]:\\Documents and Settings\\)[^/\\]+")


def paths(text: str) -> list[Literal]:
    """File paths: absolute, home- or dot-relative, Windows, relative with an extension, or a file name
    with a well-known extension. Example paths (``path/to``, ``your_…``, one with a placeholder in it)
    are left out; the user name of a home folder may change (``/home/user`` → ``/home/usuario``)."""
    out = []
    for m in PATH_RE.finditer(text):
        token = m.group().rstrip(".")
        if len(token) < 2 or _EXAMPLE_PATH.search(token) or token.strip("/") == "":
            continue
        if _EXAMPLE_CUE.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "Example: /about/contact/": an example a translation may localize
        key = _USER_DIR.sub(r"\1*", token)
        parts = regex.split(r"[/\\]", key)
        locales = [p for p in parts if _is_locale(p)]
        key = "/".join("{L}" if _is_locale(p) else p for p in parts)
        out.append(Literal(token, m.start(), m.start() + len(token), key, locale=",".join(locales)))
    return out


OPTION_RE = regex.compile(
    r"(?<![\w/%\\$&.:@\uE000-])(--[A-Za-z][\w-]*[A-Za-z0-9]|-[A-Za-z])(?=[=\s,;:.)\]'\"`’”»]|$)"
)


def options(text: str) -> list[Literal]:
    """Command-line options: ``--force``, ``--dry-run`` (a ``=VALUE`` after them may be translated)
    and single-letter ``-n`` after a space, a bracket or a quote."""
    out = []
    for m in OPTION_RE.finditer(text):
        name = m.group(1)
        if len(name) == 2:  # -n: only where an option can start (not "-a" after a hyphenated word)
            before = text[m.start() - 1] if m.start() else " "
            if not (before.isspace() or before in "([\"'`‘“«,"):
                continue
        out.append(Literal(name, m.start(), m.end(), name))
    return out


ESCAPE_RE = regex.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|[0-7]{1,3}|.)", regex.DOTALL)


def escapes(text: str, skip: Sequence[Literal] = ()) -> list[Literal]:
    """Backslash escapes left literally in the text (``\\n`` as two characters, ``\\"``, ``\\u00e9``),
    outside the ``skip`` tokens (Windows paths)."""
    zones = [(s.start, s.end) for s in skip]
    return [
        Literal(m.group(), m.start(), m.end(), m.group())
        for m in ESCAPE_RE.finditer(text)
        if not _inside(m.start(), zones)
    ]


def compare(
    source: Sequence[Literal],
    target: Sequence[Literal],
    related: Callable[[Literal, Literal], bool] | None = None,
    present: Callable[[Literal], bool] | None = None,
    multiset: bool = False,
) -> Comparison:
    """Pair the source's items with the target's by key: as sets (a path named twice in the source
    may be named once in the target), or as multisets (escapes). A source item for which ``present``
    is true is there too (its text occurs in the target, glued to a suffix: ``conf.py-fil``,
    ``--full이``). Leftover items that ``related`` pairs are ``changed``; a URL whose host matches and
    whose locale changed is a localized link and pairs without a report."""
    if multiset:
        left_src, left_tgt = _multiset_left(source, target)
    else:
        have = {t.key for t in target}
        want = {s.key for s in source}
        left_src = _unique(s for s in source if s.key not in have and not (present and present(s)))
        left_tgt = _unique(t for t in target if t.key not in want)
    result = Comparison()
    for s in left_src:
        partner = next((t for t in left_tgt if _localized(s, t)), None)
        if partner is not None:
            left_tgt = [t for t in left_tgt if t.key != partner.key]
            continue
        if related is not None:
            candidates = [t for t in left_tgt if related(s, t)]
            partner = max(candidates, key=lambda t: _similarity(s.text, t.text), default=None)
            if partner is not None:
                result.changed.append((s, partner))
                left_tgt.remove(partner)
                continue
        result.missing.append(s)
    result.added.extend(left_tgt)
    return result


def _similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio()


def _unique(items: Iterable[Literal]) -> list[Literal]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            out.append(item)
    return out


def _multiset_left(
    source: Sequence[Literal], target: Sequence[Literal]
) -> tuple[list[Literal], list[Literal]]:
    want = Counter(s.key for s in source)
    have = Counter(t.key for t in target)
    left_src: list[Literal] = []
    used = Counter[str]()
    for s in source:
        if used[s.key] < have[s.key]:
            used[s.key] += 1
        else:
            left_src.append(s)
    used = Counter()
    left_tgt = []
    for t in target:
        if used[t.key] < want[t.key]:
            used[t.key] += 1
        else:
            left_tgt.append(t)
    return left_src, left_tgt


def path_occurs(token: str, text: str) -> bool:
    """:func:`occurs`, or for a relative path every part of it (``Makefile/make.bat`` may be two
    names joined by a slash: ``Makefile / make.bat``)."""
    if occurs(token, text):
        return True
    if token.startswith(("/", "~", ".")) or ":" in token or "\\" in token:
        return False
    return all(occurs(part, text) for part in token.split("/") if part)


def occurs(token: str, text: str) -> bool:
    """True when ``token`` occurs in ``text`` as a token of its own, or glued to a suffix in another
    script or after a hyphen (``conf.py-fil``, ``conf.pyにある``, ``--full이``) — not inside a longer
    ASCII name (``-a`` is not in ``--all``, ``conf.py`` not in ``myconf.py``)."""
    pattern = (
        rf"(?<![A-Za-z0-9_./\\-]){regex.escape(token)}(?![A-Za-z0-9_]|[-/.][A-Za-z0-9](?![\p{{Ll}}]{{2}}))"
    )
    return regex.search(pattern, text) is not None


def _localized(s: Literal, t: Literal) -> bool:
    """A localized link: same host, and the target names another locale than the source."""
    return bool(s.host) and s.host == t.host and "{L}" in s.host and s.locale != t.locale


def same_host(a: Literal, b: Literal) -> bool:
    return bool(a.host) and a.host == b.host


def violations(comparison: Comparison, what: str, report_added: bool = True) -> list[Violation]:
    """One violation per difference, at the target's token (the whole segment for a missing one)."""
    out: list[Violation] = []
    for s, t in comparison.changed:
        out.append(
            Violation(
                f"{what} changed: the source has '{s.text}', the target '{t.text}'",
                span=Span(t.start, t.end),
                data={"source": s.text, "target": t.text},
            )
        )
    for s in comparison.missing:
        out.append(
            Violation(f"{what} '{s.text}' of the source is missing from the target", data={"missing": s.text})
        )
    if report_added:
        for t in comparison.added:
            out.append(
                Violation(
                    f"{what} '{t.text}' is not in the source",
                    span=Span(t.start, t.end),
                    data={"added": t.text},
                )
            )
    return out
