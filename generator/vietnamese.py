"""Stable ASCII slugs for URLs, accent folding for matching, and the one Vietnamese sort key.

`sort_key` is the order every list sorted by name uses (catalogue, sectors, units, decisions,
ranking ties): the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
v x y) compares first over the whole text, then the tones in dictionary order (ngang, huyền,
hỏi, ngã, sắc, nặng), then the case. This is the order of ICU's `vi` collation (CLDR: letters
with a breve, circumflex or horn and đ are letters of their own; tones are secondary
differences), which tests/test_vietnamese.py checks against a hand-checked dictionary list and
tests/browser against the browser's `Intl.Collator("vi")`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """Strip Vietnamese diacritics: “Đăng ký” → “Dang ky”."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def slugify(text: str) -> str:
    """“Hộ tịch” → “ho-tich”; “163/QĐ-BTP” → “163-qd-btp”."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


#: The alphabet, with the Latin letters Vietnamese borrows (f j w z) at their Latin places.
ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
            "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
_LETTER = {letter: i for i, letter in enumerate(ALPHABET)}
#: Combining marks that make a letter of its own (ă â ê ô ơ ư), kept with the base letter.
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}
#: Tone marks in dictionary order after ngang (no mark): huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Primary weights: separators and punctuation first, then digits, then letters, then any other
# character by code point (all after the Vietnamese letters).
_PUNCTUATION, _DIGIT, _LETTER_BASE, _OTHER = 0, 1_000_000, 2_000_000, 3_000_000


_CLUSTER = re.compile(r".[\u0300-\u036f]*", re.S)


@lru_cache(maxsize=4096)
def _cluster_key(cluster: str) -> tuple[int, int, int]:
    """(letter weight, tone, case) of one base character with its combining marks: texts are
    made of a few hundred distinct clusters, so each is worked out once."""
    base, marks = cluster[0], cluster[1:]
    lower = base.lower()
    letter = lower + "".join(m for m in marks if m in _MODIFIERS)
    letter = unicodedata.normalize("NFC", letter)
    tone = max((_TONES.get(m, 0) for m in marks), default=0)
    if letter in _LETTER:
        weight = _LETTER_BASE + _LETTER[letter]
    elif lower.isdigit():
        weight = _DIGIT + int(unicodedata.digit(lower, 0))
    elif lower.isalpha():
        weight = _OTHER + ord(lower)
    else:
        weight = _PUNCTUATION + ord(lower)
    return weight, tone, 0 if base == lower else 1


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]:
    """Vietnamese alphabetical order: letters over the whole text, then tones, then case.

    “d” < “đ” < “e”; “Hàng hải” < “Hoạt động”; “ma” < “mà” < “mả” < “mã” < “má” < “mạ” < “mai”.
    The text itself breaks the last ties, so the order is total and stable.
    """
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for cluster in _CLUSTER.findall(unicodedata.normalize("NFD", text)):
        weight, tone, case = _cluster_key(cluster)
        primary.append(weight)
        tones.append(tone)
        cases.append(case)
    return tuple(primary), tuple(tones), tuple(cases), text
