"""Base of every record part."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Base for every record part: unknown keys are errors (a misspelt key must not vanish)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
