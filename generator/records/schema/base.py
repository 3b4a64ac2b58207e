"""Base of every record part."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from ..shapes import check_magnitude


class Record(BaseModel):
    """Base for every record part: unknown keys are errors (a misspelt key must not vanish)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _bounded_numbers(cls, value: Any) -> Any:
        # Every number of every record: one bound, so no page family meets a number it cannot
        # draw or print (a score of 1e300 once made a chart's axis loop forever).
        return check_magnitude(value)
