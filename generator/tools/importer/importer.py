"""`congkhai import`: turn national-portal exports into procedure records (YAML).

Sources are the portal's JSON records (one object per procedure, as in
`samples/national-portal/`; files or folders of them) or an `.xlsx` procedure list exported
from the portal ("Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực"), which gives
only a skeleton. The flattened table text is split back into structure by `portal_parse`.

National records name no local handling unit, so `co_quan_thuc_hien` comes from `--unit`
(one unit for everything) or `--unit-map KEY=UNIT`, where KEY is a level ("Cấp xã") or the
source's own agency text. The report says which record got which unit and why, what could
not be mapped, and which records still lack an element the law requires (NĐ 63/2010 Điều 8):
those files are still written, so an editor can complete them, and `congkhai check` flags them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...records.loader import LoadedDocument, dotted
from ...records.schema import Procedure
from ...records.shapes import PROCEDURE_CODE, SLUG, URL
from ...records.smells import Smell, record_smells
from ...records.validate import validate_document
from . import portal_parse as pp
from . import portal_rows as rows
from .yamlwriter import dump_record

#: Where the JSON Schema lives, seen from `procedures/` (editors' YAML language server).
DEFAULT_SCHEMA_REF = "../schema/procedure.schema.json"

#: Elements every published procedure must carry, with the words used in the report.
REQUIRED = [
    ("ten_thu_tuc", "tên thủ tục"),
    ("trinh_tu_thuc_hien", "trình tự thực hiện"),
    ("cach_thuc_thuc_hien", "cách thức thực hiện"),
    ("thanh_phan_ho_so", "thành phần hồ sơ"),
    ("doi_tuong_thuc_hien", "đối tượng thực hiện"),
    ("ket_qua_thuc_hien", "kết quả thực hiện"),
    ("can_cu_phap_ly", "căn cứ pháp lý"),
    ("linh_vuc", "lĩnh vực"),
    ("cap_thuc_hien", "cấp thực hiện"),
    ("cong_bo", "quyết định công bố"),
]


@dataclass
class Imported:
    """One procedure read from a source, before a unit is assigned and it is written."""

    source: str
    data: dict[str, Any]
    levels: list[str] = field(default_factory=list)
    agency: str = ""  # the source's own "Cơ quan thực hiện" text, for --unit-map
    notes: list[str] = field(default_factory=list)
    #: field → reason, for required elements the source does not give.
    missing: dict[str, str] = field(default_factory=dict)
    unit_rule: str = ""  # "--unit" or "--unit-map «Cấp xã»"
    unit_reason: str = ""  # the rule and why it matched this record
    path: Path | None = None
    #: What would mislead a reader (warnings for `check`, info for this report only).
    smells: list[Smell] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.data.get("ma_thu_tuc", ""))


# --- Reading sources ----------------------------------------------------------------------------


def _parsed(value: tuple[Any, list[str]], notes: list[str]) -> Any:
    result, found = value
    notes.extend(found)
    return result


def from_portal(obj: dict[str, Any], source: str) -> Imported:
    """Build a record from one national-portal JSON object."""
    notes: list[str] = []
    # The crawler's fields are sometimes cut short; the page text cut at its labels is not.
    text = {key: obj.get(key, "") for key in pp.SECTION_FIELDS}
    text.update(pp.raw_sections(obj.get("raw_text", "")))
    decision = pp.clean(obj.get("so_quyet_dinh"))
    cong_bo = []
    if decision:
        entry: dict[str, Any] = {"so_quyet_dinh": decision}
        issuer = pp.decision_issuer(decision)
        if issuer:
            entry["co_quan_ban_hanh"] = issuer
        else:
            notes.append(f"quyết định «{decision}»: không suy ra được cơ quan ban hành, để trống")
        entry["loai"] = "mới ban hành"
        cong_bo.append(entry)
    conditions = pp.clean(re.split(r"Từ khóa", text["yeu_cau_dieu_kien"])[0])
    url = pp.clean(obj.get("detail_url"))
    dossier, sets = rows.restructure_dossier(_parsed(pp.parse_dossier(text["thanh_phan_ho_so"]),
                                                     notes))
    data: dict[str, Any] = {
        "ma_thu_tuc": pp.clean(obj.get("ma_thu_tuc")),
        "ten_thu_tuc": pp.clean(obj.get("ten_thu_tuc")),
        "linh_vuc": pp.clean(obj.get("linh_vuc")),
        "cap_thuc_hien": pp.split_list(obj.get("cap_thuc_hien", "")),
        "loai_thu_tuc": pp.clean(obj.get("loai_thu_tuc")) or None,
        "doi_tuong_thuc_hien": pp.split_list(obj.get("doi_tuong_thuc_hien", "")),
        "co_quan_co_tham_quyen": pp.clean(obj.get("co_quan_co_tham_quyen")) or None,
        "co_quan_duoc_uy_quyen": pp.clean(obj.get("co_quan_duoc_uy_quyen")) or None,
        "co_quan_phoi_hop": pp.clean(obj.get("co_quan_phoi_hop")) or None,
        "dia_diem_thuc_hien": pp.clean(obj.get("dia_chi_tiep_nhan")) or None,
        "trinh_tu_thuc_hien": _parsed(pp.parse_steps(text["trinh_tu_thuc_hien"]), notes),
        "cach_thuc_thuc_hien": _channels(text["cach_thuc_thuc_hien"], notes),
        "thanh_phan_ho_so": dossier,
        "so_bo_ho_so": sets,
        "yeu_cau_dieu_kien": conditions or None,
        "ket_qua_thuc_hien": _parsed(pp.parse_outcomes(text["ket_qua_xu_ly"]), notes),
        "can_cu_phap_ly": _parsed(pp.parse_legal(text["can_cu_phap_ly"]), notes),
        "cong_bo": cong_bo,
        "thu_tuc_lien_quan": re.findall(r"\b\d\.\d{6}\b", pp.clean(obj.get("thu_tuc_lien_quan"))),
        "nguon": url if URL.matches(url) else None,
        "tu_khoa": rows.extract_keywords(obj.get("raw_text")),
    }
    if data["nguon"]:
        # What the national database does not have yet is said, not invented (check warns).
        data["chua_co_thong_tin"] = rows.source_gaps(data)
    forms = sum(len(d.get("mau_don", [])) for g in data["thanh_phan_ho_so"]
                for d in g.get("giay_to", []))
    if forms:
        notes.append(f"{forms} mẫu đơn, tờ khai chỉ có tên tệp, chưa có đường dẫn tải (tep)")
    record = Imported(source, data, data["cap_thuc_hien"], pp.clean(obj.get("co_quan_thuc_hien")),
                      notes)
    given = {key: obj.get(key, "") for key in ("ten_thu_tuc", "linh_vuc", "cap_thuc_hien",
                                               "doi_tuong_thuc_hien")}
    given.update({key: text[key] for key in ("trinh_tu_thuc_hien", "cach_thuc_thuc_hien",
                                             "thanh_phan_ho_so", "can_cu_phap_ly")})
    given["ket_qua_thuc_hien"] = re.split("Từ khóa", text["ket_qua_xu_ly"])[0]
    given["cong_bo"] = decision
    _check_required(record, {key: bool(pp.clean(value)) for key, value in given.items()})
    return record


def _channels(cell: str, notes: list[str]) -> list[dict[str, Any]]:
    """The channel rows, source words kept (a bare "1" stays "1": the summary says the unit is
    missing and `congkhai check` warns)."""
    found = rows.parse_channel_cell(cell)
    for row in found:
        notes.extend(f"cách thức «{row.channel}»: {note}" for note in row.notes)
    return [rows.row_to_channel(row) for row in found]


_XLSX_COLUMNS = {
    "mã số": "code", "mã thủ tục": "code", "tên": "name", "tên thủ tục": "name",
    "cơ quan ban hành": "issuer", "cơ quan thực hiện": "agency", "lĩnh vực": "sector",
    "cấp thực hiện": "levels",
}


def from_xlsx(path: Path) -> Iterator[Imported]:
    """Skeleton records from the portal's procedure-list export (one row per procedure)."""
    try:
        import openpyxl  # optional: only needed for spreadsheets
        from openpyxl.utils.exceptions import InvalidFileException
    except ModuleNotFoundError as error:
        raise SourceError("cần cài openpyxl để đọc tệp .xlsx (pip install openpyxl)") from error
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, zipfile.BadZipFile, InvalidFileException) as error:
        raise SourceError(f"không đọc được tệp .xlsx: {error}") from error
    try:
        rows = workbook.active.iter_rows(values_only=True)
        columns: dict[str, int] = {}
        for number, row in enumerate(rows, start=1):
            cells = [pp.clean(str(c)) if c is not None else "" for c in row]
            if not columns:
                found = {_XLSX_COLUMNS[c.casefold()]: i for i, c in enumerate(cells)
                         if c.casefold() in _XLSX_COLUMNS}
                if "code" in found and "name" in found:
                    columns = found
                continue
            if any(cells):
                yield _xlsx_row(row, cells, columns, f"{path.name} dòng {number}")
        if not columns:
            raise SourceError("không thấy dòng tiêu đề có cột «Mã số» và «Tên»")
    finally:
        workbook.close()


def _xlsx_row(row: tuple, cells: list[str], columns: dict[str, int], source: str) -> Imported:
    def cell(name: str) -> str:
        return cells[columns[name]] if name in columns and columns[name] < len(cells) else ""

    notes = []
    code = cell("code")
    raw_code = row[columns["code"]]
    if isinstance(raw_code, (int, float)) and not isinstance(raw_code, bool):
        # Excel stored "1.000120" as the number 1.00012: national codes have 6 decimals.
        code = f"{raw_code:.6f}"
        notes.append(f"mã thủ tục là số trong Excel ({raw_code!r}), đọc thành «{code}»")
    data: dict[str, Any] = {"ma_thu_tuc": code, "ten_thu_tuc": cell("name"),
                            "linh_vuc": cell("sector"),
                            "cap_thuc_hien": pp.split_list(cell("levels"))}
    if cell("issuer"):
        notes.append(f"cơ quan ban hành «{cell('issuer')}»: danh sách không có số quyết định "
                     "công bố, chưa ghi được cong_bo")
    record = Imported(source, data, data["cap_thuc_hien"], cell("agency"), notes)
    given = {"ten_thu_tuc": cell("name"), "linh_vuc": cell("sector"),
             "cap_thuc_hien": cell("levels")}
    _check_required(record, {k: bool(given.get(k)) for k, _ in REQUIRED}, source_kind="danh sách")
    return record


def _check_required(record: Imported, given: dict[str, bool], source_kind: str = "nguồn") -> None:
    for key, label in REQUIRED:
        if not record.data.get(key):
            record.missing[key] = (f"không tách được {label} từ nguồn" if given.get(key)
                                   else f"{source_kind} không có {label}")
    channels = record.data.get("cach_thuc_thuc_hien") or []
    if channels and not any(c.get("thoi_han") or c.get("thoi_han_mo_ta") for c in channels):
        record.missing["thoi_han"] = f"{source_kind} không ghi thời hạn giải quyết"


class SourceError(Exception):
    """A source file that cannot be read at all."""


#: A portal record nests a few levels (a procedure, its dossier groups, their documents); far
#: deeper JSON is not a portal export, and walking it could overflow the stack.
MAX_JSON_DEPTH = 40
TOO_DEEP = f"không đọc được JSON: dữ liệu lồng nhau quá sâu (quá {MAX_JSON_DEPTH} tầng)"


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item \
            if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            return depth
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _as_text(value: Any) -> Any:
    """The portal writes every value as text; a number or true/false typed by hand is read as
    the text it shows (`1` → "1"), so the parser meets only text, lists and objects."""
    if isinstance(value, dict):
        return {str(k): _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return value


def read_source(path: Path) -> Iterator[Imported]:
    if path.suffix.lower() == ".xlsx":
        yield from from_xlsx(path)
        return
    try:
        payload = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"không đọc được JSON: {error}") from error
    except RecursionError:
        raise SourceError(TOO_DEEP) from None
    if _depth(payload) > MAX_JSON_DEPTH:
        raise SourceError(TOO_DEEP)
    objects = _as_text(payload if isinstance(payload, list) else [payload])
    for i, obj in enumerate(objects):
        if not isinstance(obj, dict):
            raise SourceError("mỗi bản ghi phải là một đối tượng JSON")
        name = path.name if len(objects) == 1 else f"{path.name} #{i + 1}"
        try:
            yield from_portal(obj, name)
        except (TypeError, AttributeError, KeyError, IndexError, ValueError) as error:
            # The portal's export has a fixed shape; a list where text belongs (or the like)
            # means this is not one, and no record can be trusted from it.
            raise SourceError(f"{name}: bản ghi không đúng cấu trúc xuất từ Cổng Dịch vụ công "
                              f"({type(error).__name__})") from None


def source_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.suffix.lower() in (".json", ".xlsx") and p.is_file()))
        else:
            files.append(path)
    return files


# --- Units, writing, report -----------------------------------------------------------------------


def assign_unit(record: Imported, unit: str | None, unit_map: tuple[tuple[str, str], ...]) -> None:
    if unit:
        record.data["co_quan_thuc_hien"] = unit
        record.unit_rule = record.unit_reason = "--unit"
        return
    for key, mapped in unit_map:
        if key in record.levels:
            why = f"cấp thực hiện: {', '.join(record.levels)}"
        elif record.agency and key.casefold() == record.agency.casefold():
            why = "cơ quan thực hiện ghi trong nguồn"
        else:
            continue
        record.data["co_quan_thuc_hien"] = mapped
        record.unit_rule = f"--unit-map «{key}»"
        record.unit_reason = f"{record.unit_rule}, {why}"
        return
    record.missing["co_quan_thuc_hien"] = (
        "chưa có cơ quan thực hiện: nguồn quốc gia không ghi đơn vị địa phương "
        "(dùng --unit hoặc --unit-map)")


def render(record: Imported, schema_ref: str) -> tuple[str, list[str]]:
    """The YAML text, and schema problems other than the missing elements already reported."""
    text = dump_record({k: v for k, v in record.data.items() if v not in (None, "", [])},
                       schema_ref, Procedure)
    # Validate the data itself (the writer's round trip is covered by its own tests).
    model, problems = validate_document(LoadedDocument(record.code, record.data), Procedure)
    known = set(record.missing)
    if model is not None:
        record.smells = record_smells(model)
    return text, [f"{p.field}: {p.message}" if p.field else p.message for p in problems
                  if re.split(r"[\[.]", p.field)[0] not in known]


@dataclass
class ImportResult:
    records: list[Imported] = field(default_factory=list)
    written: list[Imported] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def say(self, line: str = "") -> None:
        self.lines.append(line)

    @property
    def incomplete(self) -> list[Imported]:
        return [r for r in self.written if r.missing]


@dataclass(frozen=True)
class Options:
    out: Path
    unit: str | None = None
    unit_map: tuple[tuple[str, str], ...] = ()
    ngay_cap_nhat: dt.date | None = None
    overwrite: bool = False
    schema_ref: str = DEFAULT_SCHEMA_REF


def import_sources(paths: list[Path], out: Path, **options: Any) -> ImportResult:
    """Import every source under `paths` into `out` (see `Options`); return records and report."""
    opts = Options(out, **{**options, "unit_map": tuple(options.get("unit_map") or ())})
    result = ImportResult()
    out.mkdir(parents=True, exist_ok=True)
    for path in source_files(paths):
        try:
            records = list(read_source(path))
        except SourceError as error:
            result.say(f"{path.name}: bỏ qua — {error}")
            continue
        for record in records:
            result.records.append(record)
            _import_one(record, opts, result)
    _summary(result)
    return result


def _skip(record: Imported, why: str, result: ImportResult) -> None:
    result.say(f"{record.source}: bỏ qua — {why}")
    result.skipped.append(record.source)


def _import_one(record: Imported, opts: Options, result: ImportResult) -> None:
    code = record.code
    target = opts.out / f"{code}.yaml"
    if not PROCEDURE_CODE.matches(code):
        return _skip(record, f"mã thủ tục «{code}» không có dạng d.dddddd", result)
    if any(r.code == code for r in result.written):
        return _skip(record, f"mã {code} đã có ở nguồn trước", result)
    if target.exists() and not opts.overwrite:
        return _skip(record, f"{target} đã có (dùng --overwrite để ghi đè)", result)
    assign_unit(record, opts.unit, opts.unit_map)
    if opts.ngay_cap_nhat:
        record.data["ngay_cap_nhat"] = opts.ngay_cap_nhat
    text, problems = render(record, opts.schema_ref)
    target.write_text(text, encoding="utf-8")
    record.path = target
    result.written.append(record)
    unit_id = record.data.get("co_quan_thuc_hien", "—")
    result.say(f"{record.source} → {target} (cơ quan thực hiện: {unit_id}"
               f"{', ' + record.unit_reason if record.unit_reason else ''})")
    for note in record.notes + problems:
        result.say(f"  - {note}")
    for smell in record.smells:
        level = "cảnh báo" if smell.severity == "warning" else "lưu ý"
        where = dotted(smell.loc)
        result.say(f"  - {level}: {where}: {smell.message}"
                   + (f" (gợi ý: {smell.hint})" if smell.hint else ""))


def _summary(result: ImportResult) -> None:
    by_unit: dict[tuple[str, str], list[str]] = {}
    for record in result.written:
        if record.unit_rule:
            key = (record.data["co_quan_thuc_hien"], record.unit_rule)
            by_unit.setdefault(key, []).append(record.code)
    if by_unit:
        result.say()
        result.say("Cơ quan thực hiện đã gán:")
        for (unit_id, rule), codes in sorted(by_unit.items()):
            result.say(f"  {unit_id} ({rule}): {', '.join(sorted(codes))}")
    smelly: dict[str, set[str]] = {}
    for record in result.written:
        for smell in record.smells:
            if smell.severity == "warning":
                smelly.setdefault(smell.code, set()).add(record.code)
    if smelly:
        result.say()
        result.say("Cần sửa ở nguồn (congkhai check cảnh báo; trang đã nói đúng sự thật), "
                   "số hồ sơ:")
        for smell_code, records in sorted(smelly.items(),
                                          key=lambda item: (-len(item[1]), item[0])):
            result.say(f"  {smell_code}: {len(records)}")
    incomplete = result.incomplete
    result.say()
    if incomplete:
        result.say(f"Hồ sơ còn thiếu thành phần pháp luật yêu cầu ({len(incomplete)}; đã ghi vào "
                   "chua_co_thong_tin, trang ghi rõ là chưa có thông tin):")
        for record in incomplete:
            for reason in record.missing.values():
                result.say(f"  {record.code} ({record.source}): {reason}")
    else:
        result.say("Mọi hồ sơ đã ghi đều có đủ thành phần pháp luật yêu cầu.")
    result.say(f"Đã ghi {len(result.written)} tệp, bỏ qua {len(result.skipped)}.")


# --- Command line ---------------------------------------------------------------------------------


def _unit_id(value: str) -> str:
    if not SLUG.matches(value):
        raise argparse.ArgumentTypeError(f"mã đơn vị «{value}» không hợp lệ (ví dụ so-tu-phap)")
    return value


def _unit_map_entry(value: str) -> tuple[str, str]:
    key, sep, unit = value.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"«{value}»: cần dạng \"Cấp tỉnh=so-tu-phap\"")
    return pp.clean(key), _unit_id(unit.strip())


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"«{value}»: ngày phải có dạng YYYY-MM-DD") from error


def _run(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.sources]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{path}: không tìm thấy tệp hoặc thư mục", file=sys.stderr)
    if missing:
        return 2
    result = import_sources(paths, Path(args.out), unit=args.unit, unit_map=args.unit_map,
                            ngay_cap_nhat=args.ngay_cap_nhat, overwrite=args.overwrite,
                            schema_ref=args.schema_ref)
    print("\n".join(result.lines))
    return 0 if result.written else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="nhập thủ tục từ Cổng Dịch vụ công quốc gia (JSON, .xlsx) thành hồ sơ YAML")
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="tệp JSON của Cổng DVC quốc gia, thư mục chứa chúng, hoặc tệp .xlsx")
    parser.add_argument("--out", default="procedures",
                        help="thư mục ghi hồ sơ (mặc định procedures)")
    units = parser.add_mutually_exclusive_group()
    units.add_argument("--unit", type=_unit_id, help="mã đơn vị thực hiện cho mọi hồ sơ")
    units.add_argument("--unit-map", type=_unit_map_entry, action="append", default=[],
                       metavar="KHÓA=ĐƠN_VỊ",
                       help="gán đơn vị theo cấp thực hiện hoặc cơ quan thực hiện trong nguồn, "
                            "ví dụ \"Cấp tỉnh=so-tu-phap\" (lặp lại được; mục đầu tiên khớp "
                            "được dùng)")
    parser.add_argument("--ngay-cap-nhat", type=_date,
                        help="ngày cập nhật ghi vào mọi hồ sơ (YYYY-MM-DD)")
    parser.add_argument("--overwrite", action="store_true", help="ghi đè tệp đã có")
    parser.add_argument("--schema-ref", default=DEFAULT_SCHEMA_REF,
                        help="đường dẫn JSON Schema ghi ở dòng đầu tệp "
                             f"(mặc định {DEFAULT_SCHEMA_REF})")
    parser.set_defaults(func=_run)
