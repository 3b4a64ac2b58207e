"""Rendering in two processes (site.render_site with processes=2) gives the serial output, item
for item and in order, and a failure in the second process names its record."""

from __future__ import annotations

import pytest

import generator.site as site_module
from generator.derive.site_data import SiteData
from generator.problems import BuildFailure
from generator.site import render_site
from generator.site.families import embeds


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every site is big enough for two processes; the list gets the pid of each child."""
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 0)
    children: list[int] = []
    real = site_module._Child

    class Counted(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            children.append(self.process.pid)
    monkeypatch.setattr(site_module, "_Child", Counted)
    return children


def test_two_processes_render_what_one_renders(site: SiteData,
                                               always_parallel: list[int]) -> None:
    serial = render_site(site, processes=1)
    assert always_parallel == []
    parallel = render_site(site, processes=2)
    assert len(always_parallel) == 1
    assert [p.path for p in parallel.pages] == [p.path for p in serial.pages]
    assert parallel.pages == serial.pages
    assert parallel.files == serial.files
    assert parallel.home_sections == serial.home_sections


def test_a_failure_in_the_second_process_names_the_record(
        site: SiteData, always_parallel: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    # Embeds are always rendered by the second process (site.SECOND_PROCESS*).
    real = embeds.procedure_embed

    def broken(r, p):  # type: ignore[no-untyped-def]
        if p.ma_thu_tuc == "1.001193":
            raise ValueError("hỏng thử")
        return real(r, p)
    monkeypatch.setattr(embeds, "procedure_embed", broken)
    with pytest.raises(BuildFailure) as failure:
        render_site(site, processes=2)
    assert str(failure.value) == "procedures/1.001193.yaml (mã 1.001193): ValueError: hỏng thử"
    assert len(always_parallel) == 1
