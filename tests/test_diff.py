"""`congkhai diff`: the reviewer's report between two git revisions of a real repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.records.fields import label, walk_fields
from generator.records.kinds import KINDS, PROCEDURE
from generator.tools.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"

#: An index and one unit's scores of our own, so the expected report does not depend on the
#: fixture's score data.
INDEX = """\
ma_chi_so: par-index
ten: Chỉ số cải cách hành chính
thang_do: {toi_da: 100}
phien_ban:
  - ma: so-nganh
    ten: Bộ chỉ số cấp sở
    tu_nam: 2020
    tong_diem_toi_da: 100
"""
SCORES = {"par-index": [{"nam": 2023, "tong_diem": 80.5, "nguon": {"van_ban": "QĐ 10/QĐ-UBND"}}]}
OLD_SCORES = {"par-index": [{"nam": 2022, "tong_diem": 70, "nguon": {"van_ban": "QĐ 9/QĐ-UBND"}}]}

#: A procedure written here, so that the positions of errors in it are known.
OWN = """\
ma_thu_tuc: "1.999998"
ten_thu_tuc: Thủ tục đăng ký giám hộ
linh_vuc: Hộ tịch
cap_thuc_hien: [Cấp xã]
doi_tuong_thuc_hien: [Công dân Việt Nam]
co_quan_thuc_hien: ubnd-xa-a
trinh_tu_thuc_hien: [Nộp hồ sơ.]
cach_thuc_thuc_hien:
  - hinh_thuc: Trực tiếp
    thoi_han: {so: 1, don_vi: ngày làm việc}
thanh_phan_ho_so:
  - giay_to: [{ten: Tờ khai đăng ký giám hộ}]
ket_qua_thuc_hien: [{ten: Trích lục đăng ký giám hộ}]
can_cu_phap_ly: [{so_ky_hieu: 60/2014/QH13}]
cong_bo:
  - so_quyet_dinh: 300/QĐ-UBND
    loai: mới ban hành
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Kiểm thử", "GIT_AUTHOR_EMAIL": "t@example.gov.vn",
           "GIT_COMMITTER_NAME": "Kiểm thử", "GIT_COMMITTER_EMAIL": "t@example.gov.vn",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env=env).stdout


def read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: dict[str, Any]) -> None:
    """Rewrite a record in PyYAML's own layout: only values, not formatting, may count."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the fixture project, with our own index, scores and procedure, tagged `base`."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(FIXTURE / "mkdocs.yml", repo)
    for folder in ("procedures", "units", "indexes"):
        shutil.copytree(FIXTURE / folder, repo / folder)
    (repo / "indexes" / "par-index.yaml").write_text(INDEX, encoding="utf-8")
    (repo / "procedures" / "1.999998.yaml").write_text(OWN, encoding="utf-8")
    for name, scores in (("so-tu-phap", SCORES), ("ubnd-xa-b", OLD_SCORES)):
        unit = read(repo / "units" / f"{name}.yaml")
        write(repo / "units" / f"{name}.yaml", {**unit, "diem_so": scores})
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "base")
    git(repo, "tag", "base")
    return repo


def run_diff(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--root", str(repo), "diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_names_exactly_what_changed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    procedures, units = repo / "procedures", repo / "units"
    # Added: a copy of our own procedure under a new code.
    (procedures / "1.999999.yaml").write_text(
        OWN.replace("1.999998", "1.999999").replace("giám hộ", "kết hôn"), encoding="utf-8")
    # Abolished: status and an abolishing decision.
    abolished = read(procedures / "1.013225.yaml")
    assert abolished.get("trang_thai", "đang áp dụng") == "đang áp dụng"
    abolished["cong_bo"].append({"so_quyet_dinh": "400/QĐ-UBND", "loai": "bãi bỏ",
                                 "noi_dung_thay_doi": "Bãi bỏ theo Nghị định mới."})
    write(procedures / "1.013225.yaml", {**abolished, "trang_thai": "đã bãi bỏ"})
    # Amended: the fee of one channel.
    amended = read(procedures / "1.001193.yaml")
    amended["cach_thuc_thuc_hien"][-1]["phi_le_phi"] = "5.000 đồng"
    write(procedures / "1.001193.yaml", amended)
    # Re-written in another layout, same values: not a change.
    write(procedures / "1.000656.yaml", read(procedures / "1.000656.yaml"))
    # A score corrected and a new year published.
    unit = read(units / "so-tu-phap.yaml")
    unit["diem_so"]["par-index"][0]["tong_diem"] = 82.75
    unit["diem_so"]["par-index"].append(
        {"nam": 2024, "tong_diem": 85, "xep_hang": 1, "nguon": {"van_ban": "QĐ 20/QĐ-UBND"}})
    write(units / "so-tu-phap.yaml", unit)
    commit(repo, "changes")

    code, out, err = run_diff(repo, "base", "HEAD", "--format", "markdown", capsys=capsys)

    assert (code, err) == (0, "")
    assert out == f"""\
## Thay đổi dữ liệu: `base` → `HEAD`

Thủ tục mới: 1; thủ tục bãi bỏ: 1; thủ tục sửa đổi: 1; điểm số thay đổi: 2.

### Thủ tục mới (1)

| Mã | Tên thủ tục | Lĩnh vực | Cơ quan thực hiện |
|---|---|---|---|
| `1.999999` | Thủ tục đăng ký kết hôn | Hộ tịch | ubnd-xa-a |

### Thủ tục bãi bỏ (1)

| Mã | Tên thủ tục | Quyết định bãi bỏ | Thủ tục thay thế |
|---|---|---|---|
| `1.013225` | {abolished["ten_thu_tuc"]} | 400/QĐ-UBND | — |

### Thủ tục sửa đổi (1)

| Mã | Tên thủ tục | Nội dung thay đổi |
|---|---|---|
| `1.001193` | {amended["ten_thu_tuc"]} | Phí, lệ phí |

### Điểm số thay đổi (2)

| Đơn vị | Chỉ số | Năm | Cũ | Mới | Ghi chú |
|---|---|---|---|---|---|
| `so-tu-phap` | par-index | 2023 | 80.5 | 82.75 |  |
| `so-tu-phap` | par-index | 2024 | — | 85 | năm mới |
"""


def test_text_format_and_element_labels(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "procedures" / "1.999998.yaml"
    own = read(path)
    own["thanh_phan_ho_so"][0]["giay_to"].append({"ten": "Giấy tờ tùy thân", "ban_chinh": 1})
    own["cach_thuc_thuc_hien"][0]["thoi_han"]["so"] = 2
    own["cach_thuc_thuc_hien"].append({"hinh_thuc": "Trực tuyến", "thoi_han_mo_ta": "2 ngày"})
    own["cong_bo"].append({"so_quyet_dinh": "310/QĐ-UBND", "loai": "sửa đổi, bổ sung",
                           "noi_dung_thay_doi": "Thành phần hồ sơ, cách thức thực hiện."})
    write(path, own)
    unit = read(repo / "units" / "ubnd-xa-a.yaml")
    write(repo / "units" / "ubnd-xa-a.yaml", {**unit, "lien_he": {"dia_chi": "Thôn 9"}})
    commit(repo, "amend")

    code, out, _ = run_diff(repo, "base", "HEAD", capsys=capsys)

    assert code == 0
    assert out == f"""\
Thay đổi dữ liệu: base → HEAD
Thủ tục sửa đổi: 1; đơn vị sửa đổi: 1.

Thủ tục sửa đổi (1):
  1.999998 | Thủ tục đăng ký giám hộ | Cách thức thực hiện; Thành phần, số lượng hồ sơ; \
Quyết định công bố

Đơn vị sửa đổi (1):
  ubnd-xa-a | {unit["ten_don_vi"]} | Liên hệ
"""


def test_invalid_record_is_listed_with_its_location_not_as_removed(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "procedures" / "1.999998.yaml").write_text(
        OWN.replace("co_quan_thuc_hien: ubnd-xa-a", "co_quan_thuc_hien: ubnd-xa-c")
        .replace("loai: mới ban hành", "loai: mới"), encoding="utf-8")
    (repo / "procedures" / "1.999999.yaml").write_text(
        OWN.replace("1.999998", "1.999999") + "muc_do_dvc: toàn trình\n",
        encoding="utf-8")
    removed = read(repo / "units" / "ubnd-xa-b.yaml")
    (repo / "units" / "ubnd-xa-b.yaml").unlink()
    renamed = read(repo / "units" / "so-tu-phap.yaml")
    write(repo / "units" / "so-tu-phap.yaml", {**renamed, "ten_don_vi": "Sở Tư pháp | mẫu"})
    commit(repo, "broken")

    code, out, _ = run_diff(repo, "base", "HEAD", "--format", "markdown", capsys=capsys)

    assert code == 0
    # 1.999998 is invalid in HEAD: listed with its errors, neither removed nor changed.
    assert out == f"""\
## Thay đổi dữ liệu: `base` → `HEAD`

Thủ tục mới: 1; đơn vị sửa đổi: 1; đơn vị bị xóa tệp: 1; điểm số thay đổi: 1; \
lỗi, cảnh báo: 2.

### Thủ tục mới (1)

| Mã | Tên thủ tục | Lĩnh vực | Cơ quan thực hiện |
|---|---|---|---|
| `1.999999` | Thủ tục đăng ký giám hộ | Hộ tịch | ubnd-xa-a |

### Đơn vị sửa đổi (1)

| Mã | Tên đơn vị | Nội dung thay đổi |
|---|---|---|
| `so-tu-phap` | Sở Tư pháp \\| mẫu | Tên đơn vị |

### Đơn vị bị xóa tệp (1)

| Mã | Tên đơn vị |
|---|---|
| `ubnd-xa-b` | {removed["ten_don_vi"]} |

### Điểm số thay đổi (1)

| Đơn vị | Chỉ số | Năm | Cũ | Mới | Ghi chú |
|---|---|---|---|---|---|
| `ubnd-xa-b` | par-index | 2022 | 70 | — | bỏ năm |

### Hồ sơ có lỗi ở `HEAD` (2)

| Vị trí | Trường | Lỗi |
|---|---|---|
| `procedures/1.999998.yaml:17:5` | cong_bo[0].loai | phải là một trong: mới ban hành; \
sửa đổi, bổ sung; thay thế; bãi bỏ, đã gặp «mới» |
| `procedures/1.999999.yaml:18:1` | muc_do_dvc | có mức độ «toàn trình» nhưng không có cách \
thức Trực tuyến (gợi ý: thêm cách thức `hinh_thuc: Trực tuyến` hoặc bỏ muc_do_dvc) |
"""


def test_no_change(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "README.md").write_text("Không phải hồ sơ.\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "docs only")

    code, out, _ = run_diff(repo, "base", "HEAD", "--format", "markdown", capsys=capsys)

    assert code == 0
    assert out == ("## Thay đổi dữ liệu: `base` → `HEAD`\n\n"
                   "Không có thay đổi nào trong hồ sơ thủ tục, đơn vị và chỉ số.\n")


def test_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_diff(repo, "khong-co", "HEAD", capsys=capsys)

    assert (code, out) == (2, "")
    assert err == "congkhai diff: không tìm thấy phiên bản «khong-co» trong kho git\n"


def test_every_field_has_a_label() -> None:
    for kind in KINDS:
        missing = [f.path for f in walk_fields(kind.model) if not f.info.title]
        assert not missing, (f"thêm nhãn (title=…) cho {kind.model.__name__}: {missing} trong "
                             "generator/records/schema/")


def test_labels_of_nested_elements() -> None:
    procedure = PROCEDURE.model
    assert label(procedure, "cach_thuc_thuc_hien.phi_le_phi") == "Phí, lệ phí"
    assert label(procedure, "cach_thuc_thuc_hien.thoi_han.so") == "Thời hạn giải quyết"
    assert label(procedure, "cach_thuc_thuc_hien.hinh_thuc") == "Cách thức thực hiện"
    assert label(procedure, "thanh_phan_ho_so.giay_to.ten") == "Thành phần, số lượng hồ sơ"
