"""The site's stable URL scheme (documented in the README) and relative links between pages."""

from __future__ import annotations

from ..derive.catalogue import Term
from ..vietnamese import slugify


def relative_url(target: str, page_path: str) -> str:
    """Link from the page at `page_path` to `target` (both below the site root), relatively,
    so the site works under any sub-path and from any static host.

    Every generated page is a directory (`thu-tuc/1.001193/`); this runs tens of thousands of
    times per build, so it compares path segments instead of calling posixpath.relpath.
    """
    if target.startswith(("http://", "https://", "mailto:", "tel:", "#")):
        return target
    base = [part for part in page_path.split("/") if part]
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    rel = "../" * (len(base) - common) + "/".join(parts[common:])
    return rel or "./"


class PATHS:
    """The site's stable URL scheme (documented in the README)."""

    home = ""
    procedures = "thu-tuc/"
    abolished = "da-bai-bo/"
    sectors = "linh-vuc/"
    levels = "cap/"
    units = "don-vi/"
    decisions = "cong-bo/"
    #: The search page and the index files its script fetches (site/families/search.py).
    search = "tim-kiem/"
    search_index = "tim-kiem/chi-muc/"

    @staticmethod
    def page(base: str, number: int) -> str:
        """Page `number` of a long list at `base`: the first is `base` itself, then
        `base`trang-2/, `base`trang-3/…"""
        return base if number == 1 else f"{base}trang-{number}/"

    @staticmethod
    def procedure(code: str) -> str:
        return f"thu-tuc/{code}/"

    @staticmethod
    def sector(term: Term) -> str:
        return f"linh-vuc/{term.slug}/"

    @staticmethod
    def level(term: Term) -> str:
        return f"cap/{term.slug}/"

    @staticmethod
    def unit(unit_id: str) -> str:
        return f"don-vi/{unit_id}/"

    @staticmethod
    def decision(slug: str) -> str:
        return f"cong-bo/{slug}/"

    # Score pages (score_pages.py): indexes, their ranking tables, and open data copies.
    indexes = "chi-so/"

    @staticmethod
    def index(index_id: str) -> str:
        return f"chi-so/{index_id}/"

    @staticmethod
    def ranking(index_id: str, year: int, unit_kind: str) -> str:
        return f"chi-so/{index_id}/{year}/{slugify(unit_kind)}/"

    @staticmethod
    def ranking_data(index_id: str, year: int, unit_kind: str, ext: str) -> str:
        return f"chi-so/{index_id}/{year}/{slugify(unit_kind)}/bang-xep-hang.{ext}"

    @staticmethod
    def unit_scores_data(unit_id: str, ext: str) -> str:
        return f"don-vi/{unit_id}/diem-so.{ext}"

    # Posting sheets and one-stop counter lists (families/sheets.py): printable A4 pages.
    @staticmethod
    def posting_sheet(code: str) -> str:
        return f"thu-tuc/{code}/niem-yet/"

    @staticmethod
    def unit_counter(unit_id: str) -> str:
        return f"don-vi/{unit_id}/mot-cua/"

    @staticmethod
    def sector_counter(term: Term) -> str:
        return f"linh-vuc/{term.slug}/mot-cua/"

    @staticmethod
    def counter_sheets(counter_path: str) -> str:
        return counter_path + "niem-yet/"

    # Embeds (embeds.py): chrome-less copies of the pages above, for other sites' iframes.
    @staticmethod
    def embed_procedure(code: str) -> str:
        return f"embed/thu-tuc/{code}/"

    @staticmethod
    def embed_procedure_card(code: str) -> str:
        return f"embed/the/thu-tuc/{code}/"

    @staticmethod
    def embed_unit_scores(unit_id: str, index_id: str) -> str:
        return f"embed/don-vi/{unit_id}/{index_id}/"

    @staticmethod
    def embed_ranking(index_id: str, year: int, unit_kind: str) -> str:
        return "embed/" + PATHS.ranking(index_id, year, unit_kind)
