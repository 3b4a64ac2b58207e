"""The quick preview (generator/preview.py): the edited procedure's page, rendered against the last
good build, is the page the full build renders — plus the notice — and a change it cannot answer
exactly goes to the full build."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.build import build_site
from generator.preview import NOTICE, BuildState, quick_preview
from generator.problems import RecordsInvalid
from generator.records.config import load_config
from generator.site.output import SitePage
from tests.hypothesis_settings import examples

from .conftest import FIXTURE

RECORD = "procedures/1.001193.yaml"


def _copy(to: Path) -> Path:
    shutil.copytree(FIXTURE, to, ignore=shutil.ignore_patterns("site", ".congkhai-cache"))
    return to


def _state(root: Path) -> BuildState:
    state = build_site(root, load_config(root / "mkdocs.yml"), keep_state=True).state
    assert state is not None
    return state


def _page(root: Path, path: str) -> SitePage:
    output = build_site(root, load_config(root / "mkdocs.yml")).output
    return next(p for p in output.pages if p.path == path)


def _edit(root: Path, old: str, new: str) -> Path:
    record = root / RECORD
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new, 1), encoding="utf-8")
    return record


def test_quick_page_is_the_built_page_with_a_notice(tmp_path: Path) -> None:
    root = _copy(tmp_path / "p")
    state = _state(root)
    record = _edit(root, "    phi_le_phi: Miễn phí\n", "    phi_le_phi: 50.000 đồng\n")
    quick = quick_preview(state, [record])
    assert quick is not None and quick.errors == []
    [page] = quick.pages
    built = _page(root, "thu-tuc/1.001193/")
    assert page.body == NOTICE + built.body
    assert "50.000 đồng" in page.body
    assert dataclasses.replace(page, body=built.body) == built


def test_a_mistake_the_whole_project_reveals_is_located_and_nothing_is_rendered(
        tmp_path: Path) -> None:
    root = _copy(tmp_path / "p")
    state = _state(root)
    record = _edit(root, "linh_vuc: Hộ tịch", "linh_vuc: Hộ tịchh")
    quick = quick_preview(state, [record])
    assert quick is not None and quick.pages == []
    assert [p.format() for p in quick.errors] == [
        f"{RECORD}:4:1: linh_vuc: lĩnh vực «Hộ tịchh» không có trong danh mục "
        "(gợi ý: có phải ý bạn là «Hộ tịch»?)"]


def test_a_broken_file_is_reported_without_the_rest_of_the_project(tmp_path: Path) -> None:
    root = _copy(tmp_path / "p")
    state = _state(root)
    record = root / RECORD
    record.write_text(record.read_text(encoding="utf-8") + "\n  thừa: [\n", encoding="utf-8")
    quick = quick_preview(state, [record])
    assert quick is not None and quick.pages == [] and quick.errors
    assert all(p.path == RECORD for p in quick.errors)


@pytest.mark.parametrize("change", ["new code", "new record", "deleted record", "unit"])
def test_changes_that_move_pages_go_to_the_full_build(tmp_path: Path, change: str) -> None:
    root = _copy(tmp_path / "p")
    state = _state(root)
    if change == "new code":
        changed = _edit(root, 'ma_thu_tuc: "1.001193"', 'ma_thu_tuc: "1.001194"')
    elif change == "new record":
        changed = root / "procedures" / "1.009999.yaml"
        shutil.copy(root / RECORD, changed)
    elif change == "deleted record":
        changed = root / RECORD
        changed.unlink()
    else:
        changed = root / "units" / "ubnd-xa-a.yaml"
        changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert quick_preview(state, [changed]) is None


#: Text an editor may type into a name: letters with any Vietnamese marks, digits, punctuation.
_NAME = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
                min_size=1, max_size=60).map(str.strip).filter(
    lambda s: s and not s.startswith(("-", "?", ":", "!", "&", "*", "#", "|", ">", "%", "@", "`",
                                      "'", '"', "[", "{", ",")))


@examples(6)
@given(name=_NAME, days=st.integers(min_value=1, max_value=400))
def test_any_edit_of_name_and_time_limit_previews_as_built(name: str, days: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _copy(Path(tmp) / "p")
        state = _state(root)
        record = root / RECORD
        text = record.read_text(encoding="utf-8")
        text = text.replace("ten_thu_tuc: Thủ tục đăng ký khai sinh",
                            f"ten_thu_tuc: {_quoted(name)}", 1)
        text = text.replace("thoi_han: {so: 1,", f"thoi_han: {{so: {days},", 1)
        record.write_text(text, encoding="utf-8")
        quick = quick_preview(state, [record])
        assert quick is not None
        if quick.errors:  # a name the schema refuses is refused by the build too
            with pytest.raises(RecordsInvalid):
                _page(root, "thu-tuc/1.001193/")
            return
        [page] = quick.pages
        assert page.body == NOTICE + _page(root, "thu-tuc/1.001193/").body


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
