"""Text normalisation shared by the index builder and the browser client.

Every rule here is mirrored in ``client/search.js`` (``nfcLower``, ``foldToken``, ``analyse``);
``tests/test_normalize.py`` runs both on the same strings (the whole corpus) and requires
identical output.

* NFC, then lower case. Text pasted from Word may be NFD.
* A token is a letter or digit followed by letters, digits and combining marks: Vietnamese
  syllables, numbers, abbreviations. Tokens are cut from the accented text, so the accented
  and the folded form of a token always correspond one to one.
* Folding removes tone and vowel marks (NFD, drop U+0300–U+036F) and turns ``đ`` into ``d``:
  people type on phones without accents, and Pagefind's own folding misses ``đ``.
* ``accent_key`` compares accented syllables regardless of where the tone mark sits:
  "hoá"/"hóa", "thuỷ"/"thủy", "uỷ"/"ủy" are the same syllable in two spelling conventions.
* ``i``/``y`` spellings of a few syllables ("kí"/"ký", "lí"/"lý", "mĩ"/"mỹ", "tỉ"/"tỷ", "sĩ"/"sỹ",
  "hi"/"hy") fold to the ``y`` the catalogue mostly uses: both spellings are correct Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

#: Syllables spelled with final i or y alike; the key folds to the value.
I_Y_VARIANTS: dict[str, str] = {
    "ki": "ky",
    "li": "ly",
    "mi": "my",
    "ti": "ty",
    "si": "sy",
    "hi": "hy",
}

_MARKS = re.compile(r"[\u0300-\u036f]")
#: The five tone marks (huyền, sắc, ngã, hỏi, nặng); other marks (â, ă, ơ…) belong to the vowel.
_TONES = re.compile(r"[\u0300\u0301\u0303\u0309\u0323]")
# [^\W_] is "letter or digit" (str.isalnum); the JS twin uses [\p{L}\p{N}]. Combining marks
# continue a token (text that stays decomposed after NFC, e.g. "i̇" from "İ".lower()).
_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
#: A procedure code as the national portal writes it (1.001193), optionally with a copy suffix.
CODE = re.compile(r"(?<![\w.])\d\.\d{6}(?:\.[a-z]\d+)?(?![\w.])")


def nfc_lower(text: str) -> str:
    """NFC, lower case: the accented form kept for display and accent tie-breaks."""
    return unicodedata.normalize("NFC", text).lower()


@lru_cache(maxsize=1 << 16)  # a catalogue's syllables are a few thousand, folded again and again
def fold_token(token: str) -> str:
    """Fold one accented token: no marks, đ→d, unified i/y ("Ký" → "ky", "kí" → "ky")."""
    bare = _MARKS.sub("", unicodedata.normalize("NFD", token)).replace("đ", "d")
    bare = unicodedata.normalize("NFC", bare)
    return I_Y_VARIANTS.get(bare, bare)


def accent_key(token: str) -> str:
    """An accented token with its tone mark moved to the end: "hoá" and "hóa" give one key."""
    decomposed = unicodedata.normalize("NFD", token)
    tones = "".join(sorted(_TONES.findall(decomposed)))
    return unicodedata.normalize("NFC", _TONES.sub("", decomposed)) + tones


def accented_tokens(text: str) -> list[str]:
    """Tokens with their accents (NFC, lower case), in order."""
    return _TOKEN.findall(nfc_lower(text))


def tokens(text: str) -> list[str]:
    """Folded tokens in order ("Thủ tục đăng kí" → ["thu", "tuc", "dang", "ky"])."""
    return [fold_token(t) for t in accented_tokens(text)]


def fold(text: str) -> str:
    """The folded tokens joined by single spaces: a comparable key for a phrase."""
    return " ".join(tokens(text))


def split_fused(text: str) -> str:
    """Re-insert the spaces the portal crawler lost between table cells.

    "Số lượngTrường hợp" → "Số lượng Trường hợp": a lower-case letter directly followed by an
    upper-case one only happens where two cells were run together.
    """
    return _FUSED.sub(" ", text)


def _case_class(test: Callable[[str], bool]) -> str:
    # Latin letters Vietnamese uses: Basic Latin, Latin-1, Extended-A/B, Extended Additional.
    chars = [chr(c) for r in ((0x41, 0x250), (0x1E00, 0x1F00)) for c in range(*r) if test(chr(c))]
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_FUSED = re.compile(f"(?<={_case_class(str.islower)})(?={_case_class(str.isupper)})")
