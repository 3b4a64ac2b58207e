"""Publish the record schema as JSON Schema draft-07, for completion and hover help in editors.

VS Code's YAML extension (yaml-language-server) fully supports draft-07 only, so pydantic's
output (draft 2020-12 flavoured) is rewritten to that subset: `definitions` instead of `$defs`,
no keywords beside a `$ref`, one `type` list instead of `anyOf` for optional scalars. The
catalogues of the project configuration (sectors, levels, unit kinds in mkdocs.yml) become
`enum`s, so editors pick a sector from a list instead of typing it.

The files under `schema/` are generated and committed; regenerate them after changing
`generator/records/schema/` or the catalogues in mkdocs.yml:

    .venv/bin/python -m generator.records.jsonschema

A record opts in with a first line such as
`# yaml-language-server: $schema=../schema/procedure.schema.json`.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import schema
from .config import ProjectConfig, read_project_config
from .kinds import KINDS
from .loader import LoadedDocument, Path_
from .schema import Record
from .shapes import DATE_HINT, PATTERNS, FromCatalogue, marker

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schema"
REGENERATE = ".venv/bin/python -m generator.records.jsonschema"

_DATE_ERROR = f"Ngày phải có dạng YYYY-MM-DD, {DATE_HINT}."


def render_schemas(config: ProjectConfig) -> dict[str, str]:
    """Return {file name: JSON text} for every record kind; the same input gives the same bytes."""
    return {
        kind.schema_file: json.dumps(record_schema(kind.model, kind.schema_title, config),
                                     ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for kind in KINDS
    }


def record_schema(model: type[Record], title: str, config: ProjectConfig) -> dict[str, Any]:
    """The draft-07 schema of one record kind."""
    raw = model.model_json_schema(mode="validation", ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    root = _object(raw, model.__name__, config)
    root.update({
        "$schema": DRAFT_07,
        "$comment": "Tạo tự động từ generator/records/schema/; không sửa tay. Tạo lại: "
        f"{REGENERATE}",
        "title": title,
    })
    if definitions:
        root["definitions"] = {
            name: _object(node, name, config) for name, node in definitions.items()
        }
    return root


def _object(node: dict[str, Any], model_name: str, config: ProjectConfig) -> dict[str, Any]:
    """Rewrite one model's object schema: every property gets a title and a description."""
    out = {k: v for k, v in node.items() if k != "properties"}
    out["title"] = model_name
    out["additionalProperties"] = False  # a misspelt key must be flagged, as `congkhai check` does
    model: type[BaseModel] = getattr(schema, model_name)
    out["properties"] = {
        name: _property(name, prop, _catalogue(config, model, name))
        for name, prop in node.get("properties", {}).items()
    }
    return out


def _catalogue(config: ProjectConfig, model: type[BaseModel], field: str) -> list[str] | None:
    """The values of a `FromCatalogue` field, as `crosscheck.py` checks them."""
    found = marker(model.model_fields[field], FromCatalogue)
    values = config.catalogue(found.option) if found else []
    return list(values) or None  # an empty catalogue means "not checked", as in crosscheck


def _property(name: str, prop: dict[str, Any], catalogue: list[str] | None) -> dict[str, Any]:
    prop = copy.deepcopy(prop)
    description = prop.pop("description", None)
    if not description:
        raise ValueError(f"trường {name} thiếu mô tả (description) trong "
                         "generator/records/schema/")
    label = prop.pop("title", None) or name
    default = prop.pop("default", None)
    body = _without_null_branch(prop)
    if catalogue:
        target = body["items"] if body.get("type") == "array" else body
        target["enum"] = catalogue + ([None] if _nullable(target) else [])
    body = _fix_subschemas(body)
    if "$ref" in body:
        # Draft-07 ignores every keyword beside "$ref"; allOf keeps the title and description.
        body = {"allOf": [{"$ref": body.pop("$ref")}], **body}
    out = {"title": label, "description": description, **body}
    if default is not None:
        out["default"] = default
    return out


def _without_null_branch(prop: dict[str, Any]) -> dict[str, Any]:
    """`Optional[X]` → X that also accepts null.

    Null stays allowed because the loader reads an empty value (`mo_ta:`) as "absent" and
    `congkhai check` accepts it: the editor must not flag what the check accepts. For scalars
    the null goes into the `type` list (`["string", "null"]`) rather than an `anyOf`: with one
    schema yaml-language-server shows one plain "Incorrect type" message, offers the enum
    values in completion and shows the description on hover, where an `anyOf` makes it merge
    or pick between branches. Only an optional sub-record keeps `anyOf` [$ref, null], since a
    `$ref` cannot carry a `type` list in draft-07.
    """
    branches = prop.get("anyOf")
    if not branches or len(branches) != 2 or {"type": "null"} not in branches:
        return prop
    other = next(b for b in branches if b != {"type": "null"})
    rest = {k: v for k, v in prop.items() if k != "anyOf"}
    if "$ref" in other or not isinstance(other.get("type"), str):
        return prop
    merged = {**copy.deepcopy(other), **rest, "type": [other["type"], "null"]}
    if "const" in merged:
        merged["enum"] = [merged.pop("const")]
    if "enum" in merged:
        merged["enum"] = merged["enum"] + [None]
    return merged


def _nullable(node: dict[str, Any]) -> bool:
    return isinstance(node.get("type"), list) and "null" in node["type"]


def _fix_subschemas(node: Any) -> Any:
    """Walk nested schemas: friendly pattern errors, closed maps, draft-07 `$ref`s."""
    if isinstance(node, list):
        return [_fix_subschemas(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _fix_subschemas(value) for key, value in node.items()}
    if "pattern" in node and node["pattern"] in PATTERNS:
        pattern = PATTERNS[node["pattern"]]
        message, hint = pattern.message, pattern.hint
        # patternErrorMessage is VS Code's own keyword (validators ignore it): Vietnamese
        # instead of "String does not match the pattern of …".
        node["patternErrorMessage"] = _sentence(message, hint)
    if node.get("format") == "date":
        node["patternErrorMessage"] = _DATE_ERROR
    if "patternProperties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False  # keys must match the pattern, as in pydantic
    return node


def _sentence(message: str, hint: str | None) -> str:
    text = message[0].upper() + message[1:]
    return f"{text} ({hint})." if hint else f"{text}."


# --- What the editor sees ---------------------------------------------------------------------

#: YAML 1.2 core schema, which yaml-language-server uses: no yes/no booleans, no dates.
_YAML12_NULL = re.compile(r"null|Null|NULL|~|")
_YAML12_BOOL = {"true": True, "True": True, "TRUE": True,
                "false": False, "False": False, "FALSE": False}
_YAML12_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML12_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def editor_view(doc: LoadedDocument) -> Any:
    """The record's data typed as the editor's YAML 1.2 language server types it.

    The loader keeps every scalar as text; an editor does not: an unquoted `1.000120` is a
    number there, `yes` is text and `2025-07-01` is text. Validating this view against the
    published schema checks what editors will actually see in VS Code.
    """
    return _typed(doc.data, (), doc.plain)


def _typed(value: Any, loc: Path_, plain: set[Path_]) -> Any:
    if isinstance(value, dict):
        return {k: _typed(v, loc + (k,), plain) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v, loc + (i,), plain) for i, v in enumerate(value)]
    if value is None or loc not in plain:
        return value
    if _YAML12_NULL.fullmatch(value):
        return None
    if value in _YAML12_BOOL:
        return _YAML12_BOOL[value]
    if _YAML12_INT.fullmatch(value):
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _YAML12_FLOAT.fullmatch(value):
        return float(value)
    return value


# --- Command line -------------------------------------------------------------------------------


def write_schemas(root: Path, config: ProjectConfig) -> list[Path]:
    """Write every schema file under `root/schema/`; return the files that changed."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for name, text in render_schemas(config).items():
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.records.jsonschema",
        description="Tạo lược đồ JSON Schema (draft-07) cho hồ sơ, ghi vào thư mục schema/.",
    )
    parser.add_argument("--root", default=".", help="thư mục dự án (mặc định: thư mục hiện tại)")
    parser.add_argument("--config", default="mkdocs.yml", help="tệp cấu hình (mặc định mkdocs.yml)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    read = read_project_config(root / args.config, check_dirs=False)
    if read.config is None:
        for problem in read.problems:
            print(problem.format(), file=sys.stderr)
        return 2
    changed = write_schemas(root, read.config)
    for path in changed:
        print(f"đã ghi {path}")
    if not changed:
        print(f"{root / SCHEMA_DIR}: lược đồ đã cập nhật, không có gì thay đổi")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
