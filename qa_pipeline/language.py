"""A language tag as a value: base language, script and region (BCP 47, parsed by Babel).

Everything that needs "the language of this file" holds a :class:`Language`, never a bare string to be
split: ``Language.parse("pt_BR").base == "pt"``, ``.tag == "pt-BR"``. Unknown or undetermined
languages are :data:`UND`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, order=True)
class Language:
    """``base`` (``pt``), ``script`` (``Latn``) and ``region`` (``BR``) of a language tag."""

    base: str
    script: str | None = None
    region: str | None = None

    @staticmethod
    def parse(code: str | Language | None) -> Language:
        """``pt_BR``, ``pt-br``, ``zh-Hant-TW``, ``sr@latin`` -> a Language; empty or bad -> :data:`UND`."""
        if isinstance(code, Language):
            return code
        return _parse(code.strip() if code else "")

    @property
    def tag(self) -> str:
        """The normalized tag: ``pt-BR``, ``zh-Hant``, ``sr-Latn-RS``."""
        return "-".join(p for p in (self.base, self.script, self.region) if p)

    @property
    def is_known(self) -> bool:
        return self.base != "und"

    def __str__(self) -> str:
        return self.tag


UND = Language("und")


@cache
def _parse(code: str) -> Language:
    from babel.core import parse_locale

    raw = code.replace("-", "_").split("@")[0].split(".")[0]
    if not raw or raw.lower() in ("und", "root"):
        return UND
    try:
        base, region, script, _variant = parse_locale(raw)[:4]
    except ValueError:  # private-use or extension subtags Babel does not parse: keep what is standard
        parts = raw.split("_")
        base, script, region = parts[0], None, None
        for part in parts[1:3]:
            if len(part) == 4 and part.isalpha() and script is None and region is None:
                script = part
            elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
                region = part
                break
            else:
                break
    if not base.isalpha() or not 2 <= len(base) <= 8:
        return UND
    return Language(
        base.lower(),
        script.title() if script else None,
        region.upper() if region and region.isalpha() else region,
    )
