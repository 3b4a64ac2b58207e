"""`congkhai new`: skeletons list every schema field, and pass `congkhai check` once filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.records.fields import walk_fields
from generator.records.kinds import KINDS, by_command
from generator.tools.cli import main
from generator.tools.scaffold import blanks, skeleton

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "site"

#: What an editor would type into each empty value, by field name (list items by list name).
#: Values are valid in the fixture project and in the sample project (sector, level, unit).
FILL = {
    "ten_thu_tuc": "Thủ tục thử nghiệm",
    "linh_vuc": "Hộ tịch",
    "cap_thuc_hien": "Cấp tỉnh",
    "doi_tuong_thuc_hien": "Công dân Việt Nam",
    "co_quan_thuc_hien": "so-tu-phap",
    "trinh_tu_thuc_hien": "Nộp hồ sơ.",
    "hinh_thuc": "Trực tiếp",
    "so": "5",
    "don_vi": "ngày làm việc",
    "ten": "Tên thử nghiệm",
    "so_ky_hieu": "60/2014/QH13",
    "so_quyet_dinh": "999/QĐ-UBND",
    "loai": "mới ban hành",
    "ten_don_vi": "Sở Thử nghiệm",
    "loai_don_vi": "Sở, ban, ngành",
    "toi_da": "100",
    "ma": "mot-phien-ban",
    "tu_nam": "2024",
    "tong_diem_toi_da": "100",
}
CODES = {"thu-tuc": "1.999999", "don-vi": "so-thu-nghiem", "chi-so": "chi-so-thu-nghiem"}

_KEY = re.compile(r"^(\s*)(- )?([\w-]+):$")


def fill(text: str) -> str:
    """Type a value into every empty placeholder, as the editor would."""
    lines = text.splitlines()
    parents: list[tuple[int, str]] = []  # (indent, key) of the open blocks
    todo = set(blanks(text))
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        while parents and parents[-1][0] >= indent and not line.lstrip().startswith("- "):
            parents.pop()
        while parents and parents[-1][0] > indent:
            parents.pop()
        match = _KEY.match(line)
        if number in todo:
            key = match.group(3) if match else parents[-1][1]
            assert key in FILL, f"no value to fill in for `{key}` (line {number}): add it to FILL"
            lines[number - 1] = f"{line} {FILL[key]}"
        elif match:
            parents.append((indent + (2 if match.group(2) else 0), match.group(3)))
    return "\n".join(lines) + "\n"


def new(project: Path, *args: str) -> int:
    return main(["--root", str(project), "new", *args])


@pytest.mark.parametrize("kind", [k.command for k in KINDS])
def test_every_schema_field_is_in_the_skeleton(kind: str) -> None:
    model = by_command(kind).model
    text = skeleton(model, "../schema/x.schema.json")
    present = set(re.findall(r"^[\s#-]*([a-z_]+):", text, flags=re.MULTILINE))
    missing = [f.path for f in walk_fields(model) if f.name not in present]
    assert not missing
    # Each field is explained by its own description (comments unwrapped).
    prose = " ".join(re.sub(r"^[\s#]*", "", line) for line in text.splitlines())
    unexplained = [f.path for f in walk_fields(model) if f.description not in prose]
    assert not unexplained


@pytest.mark.parametrize("kind", [k.command for k in KINDS])
def test_filled_skeleton_passes_check(kind: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new"
    assert new(FIXTURE, kind, "--ma", CODES[kind], "--out", str(out)) == 0
    path = out / f"{CODES[kind]}.yaml"
    text = path.read_text(encoding="utf-8")
    # Unfilled, the check points at every placeholder.
    capsys.readouterr()
    assert main(["--root", str(FIXTURE), "check", str(path)]) == 1
    report = capsys.readouterr().out
    assert report.count("không được để trống") == len(blanks(text)) > 0

    path.write_text(fill(text), encoding="utf-8")
    assert main(["--root", str(FIXTURE), "check", str(path)]) == 0, capsys.readouterr().out


def test_filled_skeletons_pass_check_in_the_sample_project(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for kind, code in CODES.items():
        assert new(ROOT, kind, "--ma", code, "--out", str(tmp_path)) == 0
        paths.append(tmp_path / f"{code}.yaml")
        paths[-1].write_text(fill(paths[-1].read_text(encoding="utf-8")), encoding="utf-8")
    # One run for the three records: the sample project is loaded once.
    assert main(["--root", str(ROOT), "check", *map(str, paths)]) == 0, capsys.readouterr().out


def test_skeleton_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    (project / "schema").mkdir(parents=True)
    assert new(project, "thu-tuc", "--ma", "1.234567") == 0
    path = project / "procedures" / "1.234567.yaml"
    assert capsys.readouterr().out == (
        f"Đã tạo {path}: còn 14 chỗ trống bắt buộc cần điền. Khi điền xong, kiểm tra bằng "
        f"lệnh: congkhai check {path}\n")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/procedure.schema.json"
    head = text[: text.index("ten_thu_tuc:")]
    assert head.endswith(
        '# Mã thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ "1.001193". Luôn đặt trong dấu ngoặc '
        'kép. (bắt buộc)\nma_thu_tuc: "1.234567"\n\n'
        "# Tên thủ tục, ghi đúng như quyết định công bố. (bắt buộc)\n")
    # Optional fields are commented out, with their default when they have one.
    assert "# Một, hai câu cho biết thủ tục dùng để làm gì (Markdown).\n# mo_ta:\n" in text
    assert "\n# trang_thai: đang áp dụng\n" in text
    # One example item per list; the dash sits on the item's first uncommented key.
    assert "\ncach_thuc_thuc_hien:\n" in text and "\n  - hinh_thuc:\n" in text
    assert "\n        #   - ten:\n" in text  # mau_don, optional, inside a required list
    # Uncommented it is data of the schema's shape (comments aside, valid YAML throughout).
    data = yaml.safe_load(text)
    assert data["ma_thu_tuc"] == "1.234567"
    assert set(data["cach_thuc_thuc_hien"][0]) == {"hinh_thuc", "thoi_han"}


def test_unit_and_index_schema_lines(tmp_path: Path) -> None:
    for kind, name in (("don-vi", "unit"), ("chi-so", "index")):
        assert new(tmp_path, kind) == 0
        folder = "units" if kind == "don-vi" else "indexes"
        path = tmp_path / folder / f"{by_command(kind).new_stem}.yaml"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "procedures" / "1.234567.yaml"
    path.parent.mkdir()
    path.write_text("giữ nguyên\n", encoding="utf-8")
    assert new(tmp_path, "thu-tuc", "--ma", "1.234567") == 1
    assert capsys.readouterr().err == (
        f"{path}: tệp đã có, không ghi đè. Sửa trực tiếp tệp này, hoặc chọn mã hay tên tệp "
        "khác (--ma, --out).\n")
    assert path.read_text(encoding="utf-8") == "giữ nguyên\n"


def test_rejects_a_malformed_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path, "thu-tuc", "--ma", "1.23") == 2
    assert capsys.readouterr().err == (
        "congkhai new: mã thủ tục phải có dạng d.dddddd (một chữ số, dấu chấm, sáu chữ số), "
        "đã gặp «1.23»; ví dụ --ma 1.001193\n")
    assert not (tmp_path / "procedures").exists()
