"""Whole-build properties: determinism, sub-path links, failure behaviour."""

from __future__ import annotations

import hashlib
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from .conftest import FIXTURE, copy_project, run_build


def digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(fixture_site, tmp_path):
    again = tmp_path / "again"
    result = run_build(FIXTURE, again)
    assert result.returncode == 0, result.stderr
    first, second = digest(fixture_site), digest(again)
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_sub_path_build_has_no_broken_internal_link(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://example.gov.vn/tthc/", "site_url: https://example.gov.vn/a/b/tthc/"),
        encoding="utf-8")
    served = tmp_path / "www"
    site = served / "a" / "b" / "tthc"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    checked = 0
    for page in site.rglob("*.html"):
        url = "http://host/" + page.relative_to(served).as_posix()
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            target = urlparse(urljoin(url, link))
            if target.scheme not in ("http", "https") or target.netloc != "host":
                continue
            path = served / unquote(target.path).lstrip("/")
            assert path.resolve().is_relative_to(site.resolve()), (page, link)
            if path.is_dir() or target.path.endswith("/"):
                path = path / "index.html"
            assert path.exists(), f"{page.relative_to(served)}: broken link {link}"
            checked += 1
    assert checked > 200


def test_invalid_records_stop_the_build_and_keep_the_previous_site(tmp_path, fixture_site):
    project = copy_project(FIXTURE, tmp_path / "project")
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    before = digest(site)
    misspelt = project / "procedures" / "1.013225.yaml"
    misspelt.write_text(misspelt.read_text(encoding="utf-8").replace(
        "linh_vuc: Hoạt động xây dựng", "linh_vuc: Hoạt động xây dựng\nlinh_vuc_phu: x"),
        encoding="utf-8")
    unknown = project / "procedures" / "1.000656.yaml"
    unknown.write_text(unknown.read_text(encoding="utf-8").replace(
        "linh_vuc: Hộ tịch", "linh_vuc: Ho tich"), encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode == 1
    # Every problem of every file in one run, with the same located messages as `congkhai check`.
    assert ("procedures/1.000656.yaml:4:1: linh_vuc: lĩnh vực «Ho tich» không có trong danh mục "
            "(gợi ý: có phải ý bạn là «Hộ tịch»?)") in result.stderr
    assert ("procedures/1.013225.yaml:4:1: linh_vuc_phu: trường không có trong lược đồ "
            "(gợi ý: có phải ý bạn là `linh_vuc`?)") in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(site) == before


def test_a_failing_page_names_its_record(monkeypatch):
    """A template or derivation that breaks on one record says which file and code."""
    import pytest

    from generator.build import build_site
    from generator.problems import BuildFailure
    from generator.records.config import load_config
    from generator.site.families import procedures

    real = procedures.government_service

    def breaks_on_one(p, s, cat):
        if p.ma_thu_tuc == "1.001193":
            raise ValueError("giá trị hỏng")
        return real(p, s, cat)

    monkeypatch.setattr(procedures, "government_service", breaks_on_one)
    with pytest.raises(BuildFailure) as failed:
        build_site(FIXTURE, load_config(FIXTURE / "mkdocs.yml"))
    assert str(failed.value) == \
        "procedures/1.001193.yaml (mã 1.001193): ValueError: giá trị hỏng"


def test_verbose_build_prints_the_time_of_each_stage(tmp_path):
    result = run_build(FIXTURE, tmp_path / "site", "--verbose")
    assert result.returncode == 0, result.stderr
    for stage in ("đọc và kiểm tra hồ sơ", "liên kết hồ sơ", "tính toán", "dựng trang"):
        assert f"congkhai: {stage}: " in result.stderr, stage
