"""Search: the page `tim-kiem/` and the static index its script reads (`tim-kiem/chi-muc/`).

The index is built here from the derived data, not from the written HTML, so it is ready with
the rest of the site, byte-identical for the same records, and needs no external indexer. Only
current procedures are searchable; abolished ones stay out. How the index ranks names and what
it downloads per query: `generator/search/` and the README's search figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...cache import code_key, digest
from ...derive.summary import ProcedureSummary
from ...records.schema import Procedure
from ...search import SearchDoc, index_files
from ...search.build import BodyPairs, clean_doc, words_key
from ..output import DataFile, Output, SitePage
from ..paths import PATHS
from ..render import Renderer
from ..textformat import plain_text
from .base import Family

#: The filters the search page offers, in order, with their labels.
FILTERS = (("sector", "Lĩnh vực"), ("level", "Cấp thực hiện"), ("unit", "Cơ quan thực hiện"),
           ("online", "Dịch vụ công trực tuyến"))


def search_doc(p: Procedure, s: ProcedureSummary) -> SearchDoc:
    """A procedure as the search sees it: the name above all, then keywords and short fields;
    the long legal step text is left to the builder's options (it is not indexed by default)."""
    return SearchDoc(
        url=PATHS.procedure(p.ma_thu_tuc), code=p.ma_thu_tuc, name=p.ten_thu_tuc,
        description=plain_text(p.mo_ta) or None,
        keywords=tuple(getattr(p, "tu_khoa", None) or ()),
        sector=p.linh_vuc, levels=tuple(p.cap_thuc_hien), unit=s.unit.ten_don_vi,
        online=p.muc_do_dvc,
        outcomes=tuple(o.ten for o in p.ket_qua_thuc_hien),
        documents=tuple(plain_text(d.ten) for g in p.thanh_phan_ho_so for d in g.giay_to),
        audience="; ".join(p.doi_tuong_thuc_hien),
        conditions=plain_text(p.yeu_cau_dieu_kien),
        steps=" ".join(plain_text(step) for step in p.trinh_tu_thuc_hien),
    )


def generate(r: Renderer) -> Iterator[Output]:
    if not r.cat.config.search:
        return
    # Each document as the index reads it, from the build cache unless its procedure changed.
    docs = [r.fragment("tài liệu", p,
                       lambda q: clean_doc(search_doc(q, r.summaries[q.ma_thu_tuc])),
                       parts="tim-kiem")
            for p in r.cat.current]
    # The body pairs of the last build's documents (build cache): same index, less work.
    memo_key = digest("cặp âm tiết", code_key(), words_key(r.site.synonyms))
    pairs = BodyPairs(r.outputs.get(memo_key) if r.outputs is not None else None)
    for path, content in index_files(docs, r.site.synonyms, pairs=pairs, cleaned=True).items():
        yield DataFile(PATHS.search_index + path, content)
    if r.outputs is not None and pairs.used != pairs.known:
        r.outputs.put(memo_key, pairs.used)
    yield SitePage(PATHS.search, "Tìm thủ tục hành chính",
                   r.render("search.html", PATHS.search, filters=FILTERS, total=len(docs)),
                   template="listing.html", kind="search",
                   description="Tìm thủ tục hành chính theo tên, mã, lĩnh vực, cấp thực hiện.")


FAMILY = Family("tìm kiếm", generate)
