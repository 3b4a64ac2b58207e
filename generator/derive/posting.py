"""Derive, posting sheets: what fits on the one A4 page posted at a one-stop counter.

A posting sheet (trang niêm yết) shows the summary of a procedure in large type and the key
documents of its dossier. Long fields are shortened at a word boundary and marked "…"; the
sheet then sends the reader to the full page (URL and QR code). Nothing is invented: a short
form is always a prefix of the recorded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records.schema import DossierDocument, Procedure

#: How many documents a sheet lists before "… và N giấy tờ khác".
KEY_DOCUMENTS = 8

# Character budgets of the sheet's fields, measured on the longest records of the national
# corpus (tests/browser/test_print.py prints them on one A4 page).
NAME_CHARS = 190
FACT_CHARS = 200
PLACE_CHARS = 240
DOCUMENT_CHARS = 150
MARKUP = re.compile(r"[*_`#>]+|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Short:
    """A field's text for the sheet; `cut` when it is a shortened prefix of the record."""

    text: str
    cut: bool = False


def shorten(text: str | None, limit: int) -> Short:
    """One line of plain text of at most `limit` characters, cut at a word boundary + “…”."""
    plain = " ".join(MARKUP.sub(lambda m: m.group(1) or "", text or "").split())
    if len(plain) <= limit:
        return Short(plain)
    cut = plain[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–(")
    return Short(cut + "…", cut=True)


#: Dossier groups that hold notes for the reader, not documents to bring ("Lưu ý").
NOTE_GROUP = re.compile(r"^\s*(lưu ý|ghi chú|chú ý)", re.IGNORECASE)


def is_note_group(name: str | None) -> bool:
    """Whether a dossier group holds notes ("Lưu ý") rather than documents to bring."""
    return bool(name and NOTE_GROUP.match(name))


def key_documents(p: Procedure) -> list[DossierDocument]:
    """The documents to bring, most needed first, each name once; notes are left out.

    Order: documents with a form to fill in (a citizen must fetch it before coming), then
    those with a number of originals or copies, then the rest, each tier in recorded order.
    """
    seen: set[str] = set()
    documents: list[DossierDocument] = []
    for group in p.thanh_phan_ho_so:
        if is_note_group(group.nhom):
            continue
        for doc in group.giay_to:
            name = " ".join(doc.ten.split())
            if name not in seen:
                seen.add(name)
                documents.append(doc)
    return sorted(documents, key=lambda d: 0 if d.mau_don else 1 if d.ban_chinh or d.ban_sao
                  else 2)
