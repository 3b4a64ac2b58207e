"""What makes a name usable as a page address, shared by the records' checks and the
configuration reader (a catalogue of names in mkdocs.yml is checked the same way)."""

from __future__ import annotations

from ..vietnamese import slugify
from .shapes import MAX_SLUG

#: Each family of named pages: the noun editors read, for messages.
FAMILY_NOUNS = {
    "linh_vuc": "lĩnh vực",
    "cap_thuc_hien": "cấp",
    "loai_don_vi": "loại đơn vị",
    "so_quyet_dinh": "số quyết định",
}

#: Families whose names may come from a catalogue of the configuration.
CATALOGUES = ("linh_vuc", "cap_thuc_hien", "loai_don_vi")

SAME_SLUG_HINT = ("hai cách viết chỉ khác nhau ở chữ hoa, dấu thanh, dấu câu hoặc dấu cách sẽ "
                  "ghi đè trang của nhau; viết thống nhất một cách ở mọi hồ sơ")
EMPTY_SLUG_HINT = "tên phải có ít nhất một chữ cái hoặc chữ số"
LONG_SLUG_HINT = "rút gọn tên; địa chỉ trang cũng là tên thư mục"


def slug_message(noun: str, value: str, slug: str) -> tuple[str, str] | None:
    """Why `value` cannot be an address (`slug` is its slug), or None when it can."""
    if not slug:
        return (f"{noun} «{value}» không tạo được địa chỉ trang (không có chữ cái hay chữ số)",
                EMPTY_SLUG_HINT)
    if len(slug) > MAX_SLUG:
        return (f"{noun} «{value[:40]}…» quá dài để làm địa chỉ trang "
                f"({len(slug)} ký tự, tối đa {MAX_SLUG})", LONG_SLUG_HINT)
    return None


def catalogue_slug_problems(option: str, values: list[str]) -> list[tuple[int, str, str]]:
    """(position in the list, message, hint) for a configured catalogue whose names collide."""
    noun = FAMILY_NOUNS[option]
    found: list[tuple[int, str, str]] = []
    seen: dict[str, str] = {}
    for i, value in enumerate(values):
        slug = slugify(value)
        unusable = slug_message(noun, value, slug)
        if unusable is not None:
            found.append((i, *unusable))
        elif slug in seen and seen[slug] != value:
            found.append((i, f"{noun} «{value}» và «{seen[slug]}» cùng tạo địa chỉ trang "
                             f"«{slug}»", SAME_SLUG_HINT))
        else:
            seen.setdefault(slug, value)
    return found
