"""The persistent build cache and the staged site, with real `mkdocs build` runs.

- A warm build (every page from the cache), a build after editing one record, and a build after
  changing the configuration are byte-identical, file for file, to a cold build without cache.
- A build that fails after MkDocs cleaned the output, or that is killed mid-build, leaves the
  previous site byte-identical.
- Rebuilding one site folder after each kind of edit writes only what changed (the rest is
  carried over untouched) and leaves the folder byte-identical to a cold build's.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cache import CACHE_DIR

from .conftest import FIXTURE, copy_project, run_build

RECORD = "procedures/1.001193.yaml"


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path."""
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(a: Path, b: Path) -> None:
    left, right = tree(a), tree(b)
    assert sorted(left) == sorted(right)
    differing = [path for path in left if left[path] != right[path]]
    assert differing == []


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    return result


def cold_build(project: Path, site: Path) -> None:
    """A build from a clean checkout: no cache folder."""
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
    build(project, site)
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    copy = copy_project(FIXTURE, tmp_path / "project")
    shutil.rmtree(copy / CACHE_DIR, ignore_errors=True)
    return copy


def test_warm_build_is_byte_identical_to_cold(project: Path, tmp_path: Path) -> None:
    first = build(project, tmp_path / "cold")
    assert "0 trang lấy từ bộ đệm" in first.stderr
    assert any((project / CACHE_DIR).rglob("*")), "the first build fills the cache"
    warm = build(project, tmp_path / "warm")
    assert " 0 trang dựng lại" in warm.stderr
    assert_same_site(tmp_path / "cold", tmp_path / "warm")


def test_one_edit_redoes_only_what_shows_the_record(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "before")
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    assert "ten_thu_tuc: " in text
    record.write_text(text.replace("ten_thu_tuc: ", "ten_thu_tuc: Sửa đổi — ", 1),
                      encoding="utf-8")
    edited = build(project, tmp_path / "incremental")
    # Its page, its embed and the lists that show its name are redone; the rest is reused.
    line = next(x for x in edited.stderr.splitlines() if "lấy từ bộ đệm" in x)
    reused, redone = _counts(line)
    assert reused > 0 and 2 <= redone < reused
    page = (tmp_path / "incremental" / "thu-tuc" / "1.001193" / "index.html").read_text("utf-8")
    assert "Sửa đổi — " in page
    cold_build(project, tmp_path / "cold")
    assert_same_site(tmp_path / "cold", tmp_path / "incremental")


def test_configuration_change_rebuilds_every_page(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "before")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: Congkhai fixture", "site_name: Congkhai fixture đổi tên"), encoding="utf-8")
    changed = build(project, tmp_path / "after")
    line = next(x for x in changed.stderr.splitlines() if "lấy từ bộ đệm" in x)
    assert _counts(line)[0] == 0
    cold_build(project, tmp_path / "cold")
    assert_same_site(tmp_path / "cold", tmp_path / "after")


def _counts(line: str) -> tuple[int, int]:
    words = line.split()
    numbers = [int(w) for w in words if w.isdigit()]
    return numbers[0], numbers[1]


# --- one site folder, rebuilt in place (plugin/carry.py) ---------------------------------------

def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fee(project: Path, site: Path) -> None:
    _replace(project / RECORD, "phi_le_phi: Miễn phí", "phi_le_phi: 50.000 đồng/bản")


def _link_related(project: Path, site: Path) -> None:
    (project / RECORD).write_text((project / RECORD).read_text(encoding="utf-8")
                                  + "thu_tuc_lien_quan:\n  - 1.000419\n", encoding="utf-8")


def _rename_related(project: Path, site: Path) -> None:
    # Shown on 1.001193's page (a related procedure), in lists, in the search index.
    _replace(project / "procedures/1.000419.yaml", "ten_thu_tuc: Thủ tục đăng ký khai tử lưu động",
             "ten_thu_tuc: Thủ tục đăng ký khai tử lưu động tại nhà")


def _rename_unit(project: Path, site: Path) -> None:
    # The unit of 1.001193 (its page, summary, posting sheet, embeds show the name).
    _replace(project / "units/ubnd-xa-a.yaml", "ten_don_vi: UBND xã A", "ten_don_vi: Ủy ban xã A")


def _delete_record(project: Path, site: Path) -> None:
    (project / "procedures/1.013225.yaml").unlink()


def _tamper_with_site(project: Path, site: Path) -> None:
    # Nothing in the records changed; somebody edited a page and dropped a file in the site.
    page = site / "thu-tuc" / "1.000656" / "index.html"
    page.write_text("sửa tay", encoding="utf-8")
    (site / "thu-tuc" / "ghi-chu.txt").write_text("tệp lạ", encoding="utf-8")


EDITS = [_fee, _link_related, _rename_related, _rename_unit, _delete_record, _tamper_with_site]


def test_rebuilding_one_site_folder_writes_only_what_changed(project: Path,
                                                              tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(project, site)
    unrelated = site / "thu-tuc" / "1.013225" / "index.html"
    before = unrelated.stat()
    for number, edit in enumerate(EDITS):
        edit(project, site)
        result = build(project, site)
        line = next(x for x in result.stderr.splitlines() if "giữ nguyên" in x)
        written, carried = _counts(line)
        assert carried > written, (edit.__name__, line)
        if edit is _fee:
            # Carried over: the very same file, never rewritten.
            found = unrelated.stat()
            assert (found.st_ino, found.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        cold = copy_project(project, tmp_path / f"cold-{number}")
        cold_build(cold, tmp_path / f"cold-site-{number}")
        assert_same_site(tmp_path / f"cold-site-{number}", site)
    assert not (site / "thu-tuc" / "1.013225").exists()
    page = (site / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8")
    assert "Trực tiếp: 50.000 đồng" in page and "khai tử lưu động tại nhà" in page


def test_an_update_cut_short_makes_the_next_build_write_the_whole_site(project: Path,
                                                                       tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(project, site)
    # An update cut short removed the manifest first (carry.py), then left a mixed folder.
    manifests = list((project / CACHE_DIR / "site").glob("*.json"))
    assert len(manifests) == 1
    manifests[0].unlink()
    (site / "thu-tuc" / "1.000656" / "index.html").write_text("nửa chừng", encoding="utf-8")
    _fee(project, site)
    result = build(project, site)
    assert "giữ nguyên" not in result.stderr
    cold = copy_project(project, tmp_path / "cold")
    cold_build(cold, tmp_path / "cold-site")
    assert_same_site(tmp_path / "cold-site", site)


def test_pages_carried_unread_must_show_the_navigation_this_build_makes(
        project: Path, tmp_path: Path) -> None:
    """Pages are carried over before MkDocs reads any page, under a key of what the navigation
    is made of; the navigation MkDocs then makes is checked against the one the site folder
    was written with. Should the key ever miss a change, nothing is published."""
    site = tmp_path / "site"
    build(project, site)
    manifest = next((project / CACHE_DIR / "site").glob("*.json"))
    lines = manifest.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and len(json.loads(lines[2])) == 64
    manifest.write_text("\n".join([*lines[:2], json.dumps("0" * 64)]) + "\n", encoding="utf-8")
    before = tree(site)
    _fee(project, site)
    failed = run_build(project, site)
    assert failed.returncode != 0
    assert "điều hướng của trang web đổi mà khóa bộ đệm không thấy" in failed.stderr
    assert tree(site) == before
    build(project, site)  # the manifest is gone: the whole site is written
    cold = copy_project(project, tmp_path / "cold")
    cold_build(cold, tmp_path / "cold-site")
    assert_same_site(tmp_path / "cold-site", site)


# --- the staged site ----------------------------------------------------------------------

def test_failure_after_cleaning_keeps_the_last_good_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(project, site)
    before = tree(site)
    # A theme template that fails while pages are written, i.e. after MkDocs has cleaned.
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "procedure.html").write_text("{{ khong_co_ham() }}", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  custom_dir: overrides\n"), encoding="utf-8")
    failed = run_build(project, site)
    assert failed.returncode != 0
    assert "khong_co_ham" in failed.stderr
    assert tree(site) == before
    assert not any(p.name.endswith(".congkhai-moi") for p in tmp_path.iterdir())


def test_interrupted_build_keeps_the_last_good_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(project, site)
    before = tree(site)
    shutil.rmtree(project / CACHE_DIR)  # a slower build: every page is rendered
    staging = tmp_path / ".site.congkhai-moi"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and child.poll() is None:
            if staging.is_dir() and any(staging.rglob("*.html")):
                break  # pages are being written
            time.sleep(0.02)
        assert child.poll() is None, "the build ended before it could be interrupted"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert tree(site) == before
    # The next build empties the leftover staging folder and completes as usual.
    build(project, site)
    assert not staging.exists()
    assert tree(site) == before


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_generated_files_are_made_as_mkdocs_makes_them(use_directory_urls: bool,
                                                       tmp_path: Path) -> None:
    """The plugin makes its 15,000 files without MkDocs' path parsing (`generated_file`):
    every attribute MkDocs reads or derives must be what `File.generated` gives."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, InclusionLevel

    from generator.plugin.plugin import generated_file

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"),
                      "site_dir": str(tmp_path / "site"),
                      "use_directory_urls": use_directory_urls})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = "congkhai"  # as while MkDocs runs the plugin's events
    cases = [("thu-tuc/1.000894.md", "", InclusionLevel.NOT_IN_NAV),
             ("index.md", "", InclusionLevel.UNDEFINED),
             ("gioi-thieu.md", "", InclusionLevel.UNDEFINED),
             ("huong-dan/README.md", "", InclusionLevel.UNDEFINED),
             ("linh-vuc/ho-tich/index.md", "", InclusionLevel.NOT_IN_NAV),
             ("nhung/thu-tuc/1.000894.html", b"<p>", InclusionLevel.UNDEFINED),
             ("tim-kiem/chi-muc/t/o738ec.json", b"{}", InclusionLevel.UNDEFINED),
             ("api/thu-tuc.csv", b"a,b\n", InclusionLevel.UNDEFINED)]
    for src_uri, content, inclusion in cases:
        ours = generated_file(config, src_uri, content, inclusion)
        theirs = File.generated(config, src_uri, content=content, inclusion=inclusion)
        assert ours.dest_uri == theirs.dest_uri, src_uri  # set by ours, worked out by theirs
        derived = ("url", "abs_dest_path", "name", "src_path", "dest_path", "edit_uri",
                   "content_bytes")
        assert [getattr(ours, a) for a in derived] == [getattr(theirs, a) for a in derived]
        assert vars(ours) == vars(theirs), src_uri
        assert ours.is_documentation_page() == theirs.is_documentation_page()
