"""The one declaration of the record schema.

Every record kind (`Procedure`, `Unit`, `IndexDefinition`) and its nested parts is a pydantic
model here. Each field carries its label (`title`, the element's name as NĐ 63/2010 and editors
use it), a Vietnamese description, and where it applies a metadata marker (`FromCatalogue`,
`Element`, see `shapes.py`). The validator (`validate.py`), the cross-record checks, the
published JSON Schema (`jsonschema.py`, committed under `schema/`), the editors' field table,
the record skeletons and the reviewers' change report are all generated from these classes, so
they cannot drift apart.

YAML keys follow the national public-service portal's field names (`ma_thu_tuc`,
`ten_thu_tuc`, ...) so editors see the labels they already know.

Sectors, levels and unit kinds are *data* (catalogues in the project configuration), not enums:
fields marked `FromCatalogue` are checked against the configuration, never hard-coded here.
"""

from .base import Record
from .index import Band, BandSet, Component, FrameworkVersion, IndexDefinition, Scale
from .procedure import (
    DossierDocument,
    DossierGroup,
    Feedback,
    Form,
    LegalDocument,
    Outcome,
    Procedure,
    PublicationDecision,
    SubmissionChannel,
    TimeLimit,
)
from .unit import Contact, ScoreEntry, ScoreSource, Unit

__all__ = [
    "Band",
    "BandSet",
    "Component",
    "Contact",
    "DossierDocument",
    "DossierGroup",
    "Feedback",
    "Form",
    "FrameworkVersion",
    "IndexDefinition",
    "LegalDocument",
    "Outcome",
    "Procedure",
    "PublicationDecision",
    "Record",
    "Scale",
    "ScoreEntry",
    "ScoreSource",
    "SubmissionChannel",
    "TimeLimit",
    "Unit",
]
