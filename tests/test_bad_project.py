"""Whole projects with careless records: names that would overwrite each other's pages, record
files under a wrong name. The message is located and names both records, and it is the same
from `congkhai check` and from the build (which stops before MkDocs touches site/)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from generator.build import build_site
from generator.records.config import load_config
from tests.test_bad_input import run_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"


def project(tmp_path: Path, *, catalogues: bool = True) -> Path:
    """A writable copy of the fixture project; without `catalogues`, no closed lists."""
    root = tmp_path / "du-an"
    shutil.copytree(FIXTURE, root)
    if not catalogues:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        kept = [line.split(":")[0] + ": []" if line.lstrip().startswith(
                    ("cap_thuc_hien:", "loai_don_vi:", "linh_vuc:")) else line
                for line in text.splitlines()]
        (root / "mkdocs.yml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return root


def edit(path: Path, **changes: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def check(root: Path) -> tuple[int, list[str]]:
    result = run_main("--root", str(root), "check")
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, result.stdout.splitlines()


def test_sector_differing_only_by_case_cannot_overwrite_a_page(tmp_path: Path):
    """Sectors always have a catalogue (the national sectors ship with congkhai), so a sector
    respelt by case is refused by name, before its page could overwrite the real one's."""
    root = project(tmp_path, catalogues=False)
    edit(root / "procedures" / "1.001193.yaml", linh_vuc="Hộ Tịch")
    code, lines = check(root)
    assert code == 1
    assert lines == ["procedures/1.001193.yaml:4:1: linh_vuc: lĩnh vực «Hộ Tịch» không có trong "
                     "danh mục (gợi ý: có phải ý bạn là «Hộ tịch»?)"]


def test_unit_kind_differing_by_punctuation_is_a_collision(tmp_path: Path):
    """Ranking tables live at chi-so/<index>/<year>/<slug of the unit kind>/."""
    root = project(tmp_path, catalogues=False)
    units = sorted((root / "units").glob("*.yaml"))
    kind = yaml.safe_load(units[0].read_text(encoding="utf-8"))["loai_don_vi"]
    other = next(u for u in units[1:]
                 if yaml.safe_load(u.read_text(encoding="utf-8"))["loai_don_vi"] == kind)
    edit(other, loai_don_vi=kind.replace(",", " ;"))
    code, lines = check(root)
    assert code == 1
    assert any(line.startswith(f"units/{other.name}:") and "loại đơn vị «" in line
               and f"«{kind}» ở units/{units[0].name}:" in line for line in lines), lines


def test_level_with_an_empty_slug_is_an_error(tmp_path: Path):
    root = project(tmp_path, catalogues=False)
    edit(root / "procedures" / "1.001193.yaml", cap_thuc_hien=["…"])
    code, lines = check(root)
    assert code == 1
    assert any("cap_thuc_hien[0]: cấp «…» không tạo được địa chỉ trang" in line
               for line in lines), lines


@pytest.mark.parametrize("name, message", [
    ("1.999990.YAML", "đuôi tệp «.YAML» phải viết thường nên tệp chưa được đọc "
                      "(gợi ý: đổi tên thành 1.999990.yaml)"),
    ("1.999991.Yml", "đuôi tệp «.Yml» phải viết thường nên tệp chưa được đọc "
                     "(gợi ý: đổi tên thành 1.999991.yml)"),
    ("1.999992.yaml.bak", "tệp không có đuôi .yaml nên chưa được đọc"),
    ("1.999993.yaml~", "tệp không có đuôi .yaml nên chưa được đọc"),
])
def test_misnamed_record_file_is_reported(tmp_path: Path, name: str, message: str):
    root = project(tmp_path)
    shutil.copy(root / "procedures" / "1.001193.yaml", root / "procedures" / name)
    code, lines = check(root)
    assert code == 1
    assert any(line.startswith(f"procedures/{name}:1:1: {message}") for line in lines), lines


def test_collision_stops_the_build_with_the_same_line_and_keeps_the_old_site(tmp_path: Path):
    root = project(tmp_path)
    source = root / "procedures" / "1.001193.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    number = data["cong_bo"][0]["so_quyet_dinh"]
    data["ma_thu_tuc"] = "1.999990"
    data["cong_bo"][0]["so_quyet_dinh"] = number.replace("/", "-")
    (root / "procedures" / "1.999990.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, lines = check(root)
    assert code == 1
    [line] = [line for line in lines if "cùng tạo địa chỉ trang" in line]
    assert line.startswith("procedures/1.999990.yaml:")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("trang cũ", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d",
                             str(site)], cwd=root, capture_output=True, text=True, env=env,
                            timeout=600, check=False)
    assert result.returncode != 0
    assert line in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "trang cũ"


def _as_nobody() -> list[str]:
    """The command prefix that runs as an unprivileged user (as root, every folder is
    readable), or [] when this machine cannot."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        return []
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import generator.tools.cli"],
                           capture_output=True, timeout=60, check=False, cwd="/")
    return prefix if probe.returncode == 0 else []


def test_unreadable_folder_is_reported():
    """A record folder the build cannot read is an error, not a silently smaller site."""
    prefix = _as_nobody()
    if not prefix and os.geteuid() == 0:
        pytest.skip("cần setpriv và một trình thông dịch mà người dùng nobody đọc được")
    root = Path(tempfile.mkdtemp(prefix="congkhai-khoa-"))
    try:
        shutil.copytree(FIXTURE, root / "du-an")
        project_root = root / "du-an"
        locked = project_root / "procedures" / "khoa"
        locked.mkdir()
        shutil.copy(FIXTURE / "procedures" / "1.001193.yaml", locked / "1.999990.yaml")
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        locked.chmod(0)
        result = subprocess.run([*prefix, sys.executable, "-m", "generator.tools.cli", "--root",
                                 str(project_root), "check"], capture_output=True, text=True,
                                timeout=300, check=False, cwd="/")
    finally:
        (root / "du-an" / "procedures" / "khoa").chmod(0o755)
        shutil.rmtree(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("procedures/khoa:1:1: không đọc được thư mục (không có quyền đọc) (gợi ý: kiểm tra "
            "quyền đọc thư mục; hồ sơ trong đó chưa được kiểm tra)") in result.stdout.splitlines()


def test_a_decision_link_written_in_one_record_only_is_kept(tmp_path: Path):
    """Records citing the same decision, only one of them with its link: whichever it is,
    the decision's page shows the link."""
    root = project(tmp_path)
    number = "163/QĐ-BTP"
    citing = sorted(p for p in (root / "procedures").glob("*.yaml")
                    if number in p.read_text(encoding="utf-8"))
    assert len(citing) >= 2
    for linked in citing:
        original = linked.read_text(encoding="utf-8")
        data = yaml.safe_load(original)
        entry = next(e for e in data["cong_bo"] if e["so_quyet_dinh"] == number)
        entry["lien_ket"] = "https://example.gov.vn/qd-163.pdf"
        linked.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")
        assert check(root)[0] == 0
        output = build_site(root, load_config(root / "mkdocs.yml")).output
        page = next(p for p in output.pages if p.path == "cong-bo/163-qd-btp/")
        assert 'href="https://example.gov.vn/qd-163.pdf"' in str(page.body), linked.name
        linked.write_text(original, encoding="utf-8")
