"""What every reader takes: the options for units a translator has not finished."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """How readers treat entries a translator has not finished: PO fuzzy and obsolete entries, and
    untranslated units (an empty PO ``msgstr``; an XLIFF unit without a target, or with an empty one
    whose state says it is not translated yet). All are skipped by default and counted in
    ``Document.meta`` (``units``, ``untranslated``), which the report shows as completeness."""

    include_fuzzy: bool = False
    include_obsolete: bool = False
    include_untranslated: bool = False
