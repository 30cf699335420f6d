"""Hypothesis settings for property tests that double as fuzzers.

In the normal suite a fuzz test runs the few examples it asks for. With ``HYPOTHESIS_PROFILE=fuzz``
(the CI fuzz job, ``.github/workflows/fuzz.yml``) it runs the ``fuzz`` profile: many more examples,
derandomized so a failure is reproducible from the job's log, and no example database.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "3000")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)


def fuzz(examples: int) -> settings:
    """``examples`` examples in the normal suite; the ``fuzz`` profile when the fuzz job runs."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
        return settings(settings.get_profile("fuzz"))
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
