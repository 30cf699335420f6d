"""Rule families whose rules share settings (``[rules.<family>]`` in config)."""

from __future__ import annotations

from qa_pipeline.ruleapi import RuleFamily
from qa_pipeline.text.langid import AnalysisOptions

UNTRANSLATED = RuleFamily(
    name="untranslated",
    options=AnalysisOptions,
    summary="QA401–QA404 share one language analysis per segment, so they share its thresholds: "
    "which words count as source language, what is a span, a clause or a whole segment.",
)
