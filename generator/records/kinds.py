"""The registry of record kinds: everything the code knows about a kind, said once.

Loading (which folder, which key identifies it), validation messages ("hồ sơ thủ tục đặt nhầm
thư mục"), `congkhai new`, the JSON Schema files, the field guide and the change report all
read `KINDS`; adding a kind is adding one entry here and its model in `schema/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .schema import IndexDefinition, Procedure, Record, Unit


@dataclass(frozen=True)
class RecordKind:
    """One kind of record and the words and places that go with it."""

    model: type[Record]
    #: Attribute of `RecordSet` and prefix of the folder option (`procedures` → `procedures_dir`).
    plural: str
    #: The key that identifies a record of this kind, and what it is called in messages.
    code_field: str
    code_label: str
    #: "hồ sơ thủ tục": the record in messages ("hồ sơ thủ tục đặt nhầm thư mục").
    noun: str
    #: Heading of the kind in the editors' field guide.
    heading: str
    #: `congkhai new <command>`, and the file stem it writes when no code is given.
    command: str
    new_stem: str
    #: The published JSON Schema: file name under `schema/` and title shown by editors.
    schema_file: str
    schema_title: str
    #: An example code for hints.
    example_code: str

    @property
    def folder_option(self) -> str:
        return f"{self.plural}_dir"

    def code_of(self, record: Record) -> str:
        value: str = getattr(record, self.code_field)
        return value


PROCEDURE = RecordKind(
    Procedure, "procedures", "ma_thu_tuc", "mã thủ tục", "hồ sơ thủ tục", "Hồ sơ thủ tục",
    "thu-tuc", "thu-tuc-moi", "procedure.schema.json", "Hồ sơ thủ tục hành chính (congkhai)",
    "1.001193",
)
UNIT = RecordKind(
    Unit, "units", "ma_don_vi", "mã đơn vị", "hồ sơ đơn vị", "Hồ sơ đơn vị", "don-vi",
    "don-vi-moi", "unit.schema.json", "Hồ sơ đơn vị (congkhai)", "so-tu-phap",
)
INDEX = RecordKind(
    IndexDefinition, "indexes", "ma_chi_so", "mã chỉ số", "định nghĩa chỉ số",
    "Định nghĩa chỉ số", "chi-so", "chi-so-moi", "index.schema.json",
    "Định nghĩa chỉ số (congkhai)", "par-index",
)

#: Every kind, in the order records are listed, checked and documented.
KINDS: tuple[RecordKind, ...] = (PROCEDURE, UNIT, INDEX)


def kind_of(model: type[Record]) -> RecordKind:
    return next(k for k in KINDS if k.model is model)


def guess_kind(data: Any) -> RecordKind | None:
    """The kind whose identifying key a loaded mapping carries, if any."""
    if isinstance(data, dict):
        for kind in KINDS:
            if kind.code_field in data:
                return kind
    return None


def by_command(command: str) -> RecordKind:
    return next(k for k in KINDS if k.command == command)
