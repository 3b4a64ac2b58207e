"""The one Vietnamese sort key (generator/vietnamese.py) against a reference ordering.

REFERENCE is in Vietnamese dictionary order, checked by hand letter by letter (a ă â b c d đ e ê
g h i k l m n o ô ơ p q r s t u ư v x y; tones ngang, huyền, hỏi, ngã, sắc, nặng) and equal to
ICU's `vi` collation (Node's `Intl.Collator("vi")` gave the same list); the browser tests
compare the built lists with Chromium's collator too.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from generator.vietnamese import fold, slugify, sort_key

REFERENCE = [
    'An toàn',
    'Ăn uống',
    'Âm nhạc',
    'Bà mẹ',
    'Bán đấu giá',
    'Bảo trợ xã hội',
    'Cá nhân',
    'Căn cước',
    'Cấp giấy phép',
    'Chứng thực',
    'Chứng thực bản sao',
    'Công chứng',
    'Dân số',
    'Du lịch',
    'Đất đai',
    'Đo đạc và bản đồ',
    'Đường bộ',
    'Gia đình',
    'Giáo dục và Đào tạo',
    'Hàng hải',
    'Hoạt động xây dựng',
    'Hộ tịch',
    'Hội An',
    'Luật sư',
    'Lý lịch tư pháp',
    'ma',
    'mà',
    'mả',
    'mã',
    'má',
    'mạ',
    'mai',
    'Nghĩa vụ quân sự',
    'Ngoại vụ',
    'Người có công',
    'On',
    'Ôn tập',
    'Ơn',
    'Quốc tịch',
    'Quy hoạch',
    'Thành lập',
    'Thanh tra',
    'Thể dục, thể thao',
    'Thi đua, khen thưởng',
    'Thủy lợi',
    'Thư viện',
    'Uỷ ban',
    'Ủy ban',
    'Ưu đãi',
    'Xây dựng',
    'Xuất bản, in và phát hành',
    'Y tế',
]


def test_reference_order_from_any_starting_order():
    for seed in range(20):
        shuffled = REFERENCE[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == REFERENCE


@pytest.mark.parametrize(("before", "after"), [
    ("d", "đ"), ("Dương", "Đà"), ("đ", "e"), ("Hàng hải", "Hoạt động"), ("a", "ă"), ("ă", "â"),
    ("o", "ô"), ("ô", "ơ"), ("u", "ư"), ("e", "ê"),
    ("ma", "mà"), ("mà", "mả"), ("mả", "mã"), ("mã", "má"), ("má", "mạ"), ("mạ", "mai"),
    ("Hộ tịch", "Hội"), ("Thi", "Thì"), ("ư", "v"), ("9", "a"),
])
def test_pairs(before: str, after: str):
    assert sort_key(before) < sort_key(after)


def test_composed_and_decomposed_text_sort_alike():
    word = "Đăng ký khai sinh"
    decomposed = unicodedata.normalize("NFD", word)
    assert sort_key(word)[:3] == sort_key(decomposed)[:3]


def test_lowercase_before_uppercase_when_all_else_ties():
    assert sorted(["Hà", "hà"], key=sort_key) == ["hà", "Hà"]


def test_fold_and_slugify_unchanged():
    assert fold("Đăng ký") == "Dang ky"
    assert slugify("163/QĐ-BTP") == "163-qd-btp"
