"""Stable ASCII slugs for URLs, and accent folding for sorting and matching."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Strip Vietnamese diacritics: “Đăng ký” → “Dang ky”."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def slugify(text: str) -> str:
    """“Hộ tịch” → “ho-tich”; “163/QĐ-BTP” → “163-qd-btp”."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def sort_key(text: str) -> tuple[str, str]:
    """Order Vietnamese text by its letters first, then by its accents (stable and total)."""
    return (fold(text).casefold(), text)
