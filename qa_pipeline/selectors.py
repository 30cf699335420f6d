"""Rule selectors: how a user names rules in config, on the command line and in suppression comments.

A selector is ``ALL``, a code (``QA301``), a code prefix (``QA3``, ``QA30``: a family or part of one) or
a rule name (``leftover-boilerplate``). It is parsed once, where the user wrote it, into a
:class:`RuleSelector`; everything downstream matches rules with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_PREFIX = re.compile(r"^QA\d{0,3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

Kind = Literal["all", "prefix", "name"]


class SelectorError(ValueError):
    """Text that is not a rule selector."""


@dataclass(frozen=True, order=True)
class RuleSelector:
    """``ALL``, a code or code prefix, or a rule name."""

    kind: Kind
    value: str

    @classmethod
    def parse(cls, text: str) -> RuleSelector:
        raw = text.strip()
        if raw.upper() == "ALL" or raw == "*":
            return ALL
        if raw.upper().startswith("QA"):
            if not _PREFIX.match(raw.upper()):
                raise SelectorError(f"{text!r} is not a rule code or prefix (QA + up to 3 digits)")
            return cls("prefix", raw.upper())
        if not _NAME.match(raw.lower()):
            raise SelectorError(f"{text!r} is not a rule code, prefix or name")
        return cls("name", raw.lower())

    def matches(self, code: str, name: str) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "prefix":
            return code.startswith(self.value)
        return name == self.value

    @property
    def specificity(self) -> int:
        """ruff's rule: the most specific selector wins (``ALL`` < ``QA3`` < ``QA30`` < ``QA301`` < a name)."""
        if self.kind == "all":
            return 0
        if self.kind == "prefix":
            return len(self.value)
        return 10

    def __str__(self) -> str:
        return "ALL" if self.kind == "all" else self.value


ALL = RuleSelector("all", "ALL")


def parse_list(text: str | None) -> frozenset[RuleSelector]:
    """Selectors separated by commas or spaces (a suppression comment); none means every rule."""
    parts = [p for p in re.split(r"[\s,]+", text or "") if p]
    if not parts:
        return frozenset({ALL})
    out = set()
    for part in parts:
        try:
            out.add(RuleSelector.parse(part))
        except SelectorError:
            continue  # a word after the selectors (a reason) is not an error in a comment
    return frozenset(out) or frozenset({ALL})


def selected(
    code: str, name: str, select: tuple[RuleSelector, ...], ignore: tuple[RuleSelector, ...]
) -> bool:
    """True when the most specific matching ``select`` beats every matching ``ignore`` (ignore wins a tie)."""
    sel = max((s.specificity for s in select if s.matches(code, name)), default=-1)
    ign = max((s.specificity for s in ignore if s.matches(code, name)), default=-1)
    return sel >= 0 and sel > ign


def any_matches(selectors: frozenset[RuleSelector] | tuple[RuleSelector, ...], code: str, name: str) -> bool:
    return any(s.matches(code, name) for s in selectors)
