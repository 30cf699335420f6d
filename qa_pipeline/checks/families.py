"""Rule families whose rules share settings (``[rules.<family>]`` in config)."""

from __future__ import annotations

from qa_pipeline.analysis.fidelity.placeholders import PlaceholderOptions
from qa_pipeline.analysis.langid.untranslated import AnalysisOptions
from qa_pipeline.ruleapi import RuleFamily

UNTRANSLATED = RuleFamily(
    name="untranslated",
    options=AnalysisOptions,
    summary="QA401–QA404 share one language analysis per segment, so they share its thresholds: "
    "which words count as source language, what is a span, a clause or a whole segment.",
)

PLACEHOLDERS = RuleFamily(
    name="placeholders",
    options=PlaceholderOptions,
    summary="QA801–QA818 read a string's placeholders in the syntaxes its format flags, the "
    "`placeholder-formats` setting or (when neither says) its source declare: they share that decision.",
)
