"""The shared national records as SearchDocs (for the bench; the real site feeds its own records).

Reads ../shared/samples (national-portal/*.json, national-corpus/*/*.json), keeps one record
per code (the portal export wins, it is listed first), and maps the crawler's fields onto
``SearchDoc``. The crawler ran table cells together; only light cleaning is done here.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

from generator.search import SearchDoc
from generator.search.normalize import split_fused

#: The shared samples sit beside the repository (../shared); a git worktree one level deeper
#: finds them further up. CONGKHAI_SAMPLES overrides (as for bench/corpus.py).
_REPO = Path(__file__).resolve().parents[2]
SAMPLES = Path(os.environ.get("CONGKHAI_SAMPLES") or next(
    (p / "shared" / "samples" for p in _REPO.parents if (p / "shared" / "samples").is_dir()),
    _REPO.parent / "shared" / "samples"))
NO_INFO = "Không có thông tin"
_KEYWORDS = re.compile(r"Từ khóa(.*?)Mô tả", re.S)
_RESULT_CODE = re.compile(r"Mã:\s*KQ\.[\w.]+")
_DOSSIER_HEADERS = re.compile(
    r"Tên giấy tờ|Mẫu đơn, tờ khai|Số lượng|\* Giấy tờ phải (?:nộp|xuất trình):?"
)


def _text(value: str | None) -> str:
    value = (value or "").replace("\xa0", " ").strip()
    return "" if value == NO_INFO else " ".join(value.split())


def _keywords(raw: str) -> tuple[str, ...]:
    phrases: list[str] = []
    for found in _KEYWORDS.findall(raw or ""):
        found = _text(found)
        if found and "Kết quả xử lý" not in found:
            phrases += [p.strip() for p in re.split(r"[,;]", found) if p.strip()]
    return tuple(dict.fromkeys(phrases))


def _outcomes(text: str) -> tuple[str, ...]:
    text = _text(text).split("Từ khóa")[0]
    text = text.replace(":\tKết quả xử lý", "").replace(": Kết quả xử lý", "")
    return tuple(p.strip(" :") for p in _RESULT_CODE.split(text) if p.strip(" :"))


def _online(record: dict) -> str | None:
    if "Trực tuyến" not in (record.get("cach_thuc_thuc_hien") or ""):
        return None
    return "toàn trình" if "toàn trình" in record["ten_thu_tuc"].lower() else "một phần"


def to_doc(record: dict) -> SearchDoc:
    code = record["ma_thu_tuc"].strip()
    dossier = _DOSSIER_HEADERS.sub(" ", _text(record.get("thanh_phan_ho_so")))
    return SearchDoc(
        url=f"thu-tuc/{code}/",
        code=code,
        name=_text(record["ten_thu_tuc"]),
        keywords=_keywords(record.get("raw_text", "")),
        sector=_text(record.get("linh_vuc")) or None,
        levels=tuple(x.strip() for x in _text(record.get("cap_thuc_hien")).split(",") if x.strip()),
        unit=_text(record.get("co_quan_thuc_hien")).rstrip(".") or None,
        online=_online(record),
        outcomes=_outcomes(record.get("ket_qua_xu_ly", "")),
        documents=(split_fused(dossier),) if dossier else (),
        audience=_text(record.get("doi_tuong_thuc_hien")),
        conditions=split_fused(_text(record.get("yeu_cau_dieu_kien"))),
        steps=split_fused(_text(record.get("trinh_tu_thuc_hien"))),
    )


def load_corpus(samples: Path = SAMPLES) -> list[SearchDoc]:
    """Every distinct procedure of the shared samples, in file order."""
    files = sorted((samples / "national-portal").glob("*.json"))
    files += sorted((samples / "national-corpus").glob("*/*.json"))
    docs: dict[str, SearchDoc] = {}
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        docs.setdefault(record["ma_thu_tuc"].strip(), to_doc(record))
    return list(docs.values())


def scaled(docs: list[SearchDoc], size: int) -> list[SearchDoc]:
    """``size`` docs: the originals, then copies with distinct codes (1.001193.S01, …).

    Copies go round the originals in order, so every record gets about the same number.
    """
    out = list(docs[:size])
    copy = 0
    while len(out) < size:
        copy += 1
        for doc in docs:
            if len(out) >= size:
                break
            code = f"{doc.code}.S{copy:02d}"
            out.append(replace(doc, code=code, url=f"thu-tuc/{code}/"))
    return out


def base_code(code: str) -> str:
    """The original code of a scaled copy ("1.001193.S03" → "1.001193")."""
    return code.split(".S")[0]
