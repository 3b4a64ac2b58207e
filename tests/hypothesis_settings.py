"""How long property-based tests run.

By default each property tries a modest number of examples so the suite stays fast. The long
campaign (several minutes; run it after touching the loader, the validator or the build):

    CONGKHAI_HYPOTHESIS_LONG=1 .venv/bin/python -m pytest tests/test_hypothesis_*.py

multiplies every property's examples by CONGKHAI_HYPOTHESIS_FACTOR (default 100) and prints
Hypothesis' statistics with `--hypothesis-show-statistics`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LONG = os.environ.get("CONGKHAI_HYPOTHESIS_LONG") == "1"
FACTOR = int(os.environ.get("CONGKHAI_HYPOTHESIS_FACTOR", "100")) if LONG else 1


def examples(n: int) -> settings:
    """Settings for a property that tries `n` examples in the ordinary suite."""
    return settings(
        max_examples=n * FACTOR,
        deadline=None,  # a build takes a second or two; time is not what is being tested
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                               HealthCheck.data_too_large, HealthCheck.filter_too_much],
        print_blob=True,
    )
