"""`congkhai init`: a new agency's site repository builds with `mkdocs build` right away, then
takes real national records through `congkhai import`, using nothing outside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.tools.cli import main
from generator.tools.init import starter_files

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples" / "national-portal"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("agency") / "trang-moi"
    assert main(["init", str(target), "--co-quan", "Ủy ban nhân dân tỉnh Mẫu",
                 "--dia-chi", "https://example.gov.vn/tthc/"]) == 0
    return target


def test_init_writes_the_starter_files(new_site: Path) -> None:
    names = {p.relative_to(new_site).as_posix() for p in new_site.rglob("*") if p.is_file()}
    expected = {target for _, target in starter_files()}
    assert expected <= names
    assert {".github/workflows/site.yml", ".pre-commit-config.yaml", ".gitignore", "README.md",
            "mkdocs.yml", "indexes/par-index.yaml", "indexes/ict-index.yaml",
            "schema/procedure.schema.json", "procedures/README.md", "units/README.md"} <= names
    config = yaml.load((new_site / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.SafeLoader)
    assert config["site_url"] == "https://example.gov.vn/tthc/"
    options = config["plugins"][0]["congkhai"]
    assert options["co_quan_chu_quan"] == "Ủy ban nhân dân tỉnh Mẫu"
    assert options["phan_anh_kien_nghi"]["co_quan"]
    assert "custom_dir" not in config["theme"]  # the package carries its templates
    schema = json.loads((new_site / "schema" / "procedure.schema.json").read_text("utf-8"))
    assert schema["properties"]["ma_thu_tuc"]["title"] == "Mã thủ tục"


def test_init_refuses_a_folder_with_content(new_site: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(new_site), "--co-quan", "X"]) == 2
    assert "thư mục đã có nội dung" in capsys.readouterr().err


def test_the_new_site_checks_and_builds_right_away(new_site: Path) -> None:
    assert main(["--root", str(new_site), "check"]) == 0
    run = mkdocs_build(new_site)
    assert run.returncode == 0, run.stderr
    for page in ("index.html", "thu-tuc/index.html", "chi-so/par-index/index.html"):
        assert (new_site / "site" / page).is_file(), page


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not available")
def test_the_new_site_publishes_imported_records(new_site: Path) -> None:
    (new_site / "units" / "so-tu-phap.yaml").write_text(
        "ma_don_vi: so-tu-phap\nten_don_vi: Sở Tư pháp\nloai_don_vi: Sở, ban, ngành\n",
        encoding="utf-8")
    sources = [SAMPLES / "bo-tu-phap__1.001193.json", SAMPLES / "bo-tu-phap__1.000894.json"]
    assert main(["--root", str(new_site), "import", *map(str, sources),
                 "--out", str(new_site / "procedures"), "--unit", "so-tu-phap"]) == 0
    linh_vuc = {yaml.safe_load((new_site / "procedures" / f"{code}.yaml").read_text("utf-8"))
                ["linh_vuc"] for code in ("1.001193", "1.000894")}
    assert linh_vuc == {"Hộ tịch"}
    assert main(["--root", str(new_site), "check"]) == 0
    run = mkdocs_build(new_site)
    assert run.returncode == 0, run.stderr
    assert (new_site / "site" / "thu-tuc" / "1.001193" / "index.html").is_file()


def test_the_sample_project_uses_the_shipped_index_definitions() -> None:
    """One copy of the PAR and ICT definitions: the package's, which the sample site shows."""
    for name in ("par-index.yaml", "ict-index.yaml"):
        shipped = ROOT / "generator" / "tools" / "starter" / "indexes" / name
        assert (ROOT / "indexes" / name).read_bytes() == shipped.read_bytes(), name
