"""The reading rules of national records on real portal text (records/readings.py, the
importer's portal_rows.py, the summary's say_once).

Ported from the corpus analysis (its test_parsing.py): every input string is copied from a
record in the shared samples (the record's code is in the test name or a comment).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.derive import summary
from generator.records import readings
from generator.tools.importer import portal_rows

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"

P = SimpleNamespace(
    parse_fee=readings.parse_fee, parse_time=readings.parse_time,
    classify_fee_words=readings.classify_fee_words,
    enumeration_order=readings.enumeration_order, sets_from_quantity=readings.sets_from_quantity,
    classify_dossier_row=readings.classify_dossier_row,
    parse_channel_cell=portal_rows.parse_channel_cell, row_to_channel=portal_rows.row_to_channel,
    extract_keywords=portal_rows.extract_keywords,
    extract_portal_description=portal_rows.extract_portal_description,
    restructure_dossier=portal_rows.restructure_dossier, source_gaps=portal_rows.source_gaps,
    say_once=summary.say_once,
)


@pytest.mark.parametrize("raw, status, so, don_vi, text", [
    ("5 Ngày làm việc", "ok", 5, "ngày làm việc", "5 ngày làm việc"),
    ("15 Ngày", "ok", 15, "ngày", "15 ngày"),
    ("48 Giờ", "ok", 48, "giờ", "48 giờ"),
    ("1", "no_unit", 1, None, "1 (nguồn không ghi đơn vị)"),
    ("0", "missing", None, None, "Chưa có thông tin (nguồn ghi «0»)"),
    ("", "missing", None, None, "Chưa có thông tin"),
    ("Không có thông tin", "missing", None, None, "Chưa có thông tin"),
    ("Không quy định", "text", None, None, "Không quy định"),
    ("Không phải trả kết quả cho người nộp thuế", "text", None, None,
     "Không phải trả kết quả cho người nộp thuế"),
])
def test_parse_time(raw, status, so, don_vi, text):
    t = P.parse_time(raw)
    assert (t.status, t.so, t.don_vi, t.text()) == (status, so, don_vi, text)


def test_fee_free_with_empty_explanation_is_said_plainly():
    fee = P.parse_fee("Miễn phí (Không có)")  # 1.009491
    assert (fee.kind, fee.text(), fee.conflict) == ("free", "Miễn phí", None)
    assert P.parse_fee("Miễn phí (- Không có)").text() == "Miễn phí"  # 1.000368
    assert P.parse_fee("Miễn phí").text() == "Miễn phí"


def test_fee_free_label_with_amounts_is_paid_and_never_says_free():
    fee = P.parse_fee("Miễn phí (Lệ phí cấp mới 40.000đồng/lần; lệ phí cấp lại 20.000 đồng/lần.)")
    assert fee.kind == "paid"  # 1.004359
    assert fee.text() == "Lệ phí cấp mới 40.000đồng/lần; lệ phí cấp lại 20.000 đồng/lần."
    assert fee.conflict == "ghi «Miễn phí» nhưng phần giải thích nêu mức thu «40.000đồng»"
    usd = P.parse_fee("Miễn phí (Lệ phí cấp mới 200 USD/lần; lệ phí cấp lại hoặc gia hạn 100 "
                      "USD/lần.)")  # 1.004936
    assert (usd.kind, usd.text()) == ("paid", "Lệ phí cấp mới 200 USD/lần; lệ phí cấp lại hoặc "
                                      "gia hạn 100 USD/lần.")


def test_fee_free_label_with_a_charging_rule_depends():
    detail = ("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương "
              "quyết định. Miễn lệ phí cho người thuộc gia đình có công với cách mạng; người "
              "thuộc hộ nghèo; người khuyết tật.")  # 1.000080 and 46 more rows
    fee = P.parse_fee(f"Miễn phí ({detail})")
    assert (fee.kind, fee.text()) == ("depends", detail)
    assert fee.conflict.startswith("ghi «Miễn phí» nhưng phần giải thích nói phí, lệ phí thu "
                                   "theo quy định: «Mức lệ phí cụ thể do Hội đồng")
    law = P.parse_fee("Miễn phí (Theo quy định của Luật phí và lệ phí và các văn bản quy phạm "
                      "pháp luật hướng dẫn Luật phí và lệ phí)")  # 1.012796
    assert law.kind == "depends"
    named = P.parse_fee("Miễn phí (Phí xác nhận kháng nghị hàng hải đối với tàu thuyền hoạt "
                        "động hàng hải nội địa)")
    assert named.kind == "depends"


def test_fee_free_statements_stay_free():
    detail = ("Không thu lệ phí đăng ký đối với tổ hợp tác theo quy định tại khoản 2 Điều 22 "
              "Luật Hợp tác xã 2023.")  # 2.002637
    fee = P.parse_fee(f"Miễn phí ({detail})")
    assert (fee.kind, fee.text(), fee.conflict) == ("free", f"Miễn phí ({detail})", None)
    assert P.parse_fee("Miễn phí (Miễn lệ phí (Thông tư số 47/2019/TT-BTC))").kind == "free"
    assert P.parse_fee("Miễn phí (Không quy định.)").text() == "Miễn phí"


def test_fee_amount_label():
    raw = ("500,000 Việt Nam Đồng (theo quy định tại Thông tư số 10/2024/TT-BTC ngày ngày "
           "05/02/2024 của Bộ trưởng Bộ Tài chính)")  # 1.014266, prefix of the explanation
    fee = P.parse_fee(raw)
    assert (fee.kind, fee.amount, fee.currency, fee.conflict) == \
        ("paid", 500000, "Việt Nam Đồng", None)
    assert fee.text() == raw


def test_fee_amount_label_that_disagrees_with_its_explanation():
    fee = P.parse_fee("40 Việt Nam Đồng (4.000 đ/giấy thông hành (áp dụng đến hết ngày "
                      "31/12/2026 theo Thông tư số 64/2025/TT-BTC ngày 30/6/2025 của Bộ Tài "
                      "chính).)")  # 1.003133, Trực tiếp
    assert fee.kind == "paid" and fee.amount == 40
    assert fee.conflict == "ô phí ghi «40 Việt Nam Đồng» nhưng phần giải thích ghi «4.000 đ»"
    assert fee.text().startswith("4.000 đ/giấy thông hành (áp dụng đến hết ngày 31/12/2026")
    assert P.parse_fee("20 VNĐ (20.000 vnđ /tờ khai)").conflict == \
        "ô phí ghi «20 VNĐ» nhưng phần giải thích ghi «20.000 vnđ»"  # 1.000014


def test_fee_unknown_is_never_khong():
    assert P.parse_fee(None).text() == "Chưa có thông tin"
    assert P.parse_fee("Không có thông tin").text() == "Chưa có thông tin"
    assert P.parse_fee("(1)").kind == "unknown"  # 1.014237 today: a case number read as a fee
    # today's importer writes a "Không có thông tin" label with its explanation as "(…)"
    fee = P.parse_fee("(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định)")
    assert (fee.kind, fee.text()) == ("depends",
                                      "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định")


def test_cell_normal_rows():
    rows = P.parse_channel_cell(HEADER + "Dịch vụ bưu chính5 Ngày làm việcMiễn phí(Không có)"
                                "Trực tiếp5 Ngày làm việcMiễn phí(Không có)")  # 1.009491
    assert [(r.channel, r.time.text(), r.fee.raw, r.fee.kind, r.description) for r in rows] == [
        ("Dịch vụ bưu chính", "5 ngày làm việc", "Miễn phí (Không có)", "free", ""),
        ("Trực tiếp", "5 ngày làm việc", "Miễn phí (Không có)", "free", ""),
    ]
    assert P.row_to_channel(rows[0]) == {"hinh_thuc": "Dịch vụ bưu chính",
                                         "thoi_han": {"so": 5, "don_vi": "ngày làm việc"},
                                         "phi_le_phi": "Miễn phí (Không có)"}


def test_cell_bare_number():
    rows = P.parse_channel_cell(HEADER + "Trực tiếp1Miễn phí")  # 1.000025
    assert len(rows) == 1
    assert (rows[0].time.status, rows[0].time.raw, rows[0].time.text()) == \
        ("no_unit", "1", "1 (nguồn không ghi đơn vị)")
    assert P.row_to_channel(rows[0]) == {"hinh_thuc": "Trực tiếp", "thoi_han_mo_ta": "1",
                                         "phi_le_phi": "Miễn phí"}


def test_cell_time_glued_to_amount():
    rows = P.parse_channel_cell(HEADER + "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)"
                                "Trực tiếp120 VNĐ(20.000 vnđ /tờ khai)")  # 1.000014
    assert [(r.channel, r.time.raw, r.time.status, r.fee.label, r.fee.detail) for r in rows] == [
        ("Trực tuyến", "1", "no_unit", "20 VNĐ", "20.000 vnđ /tờ khai"),
        ("Trực tiếp", "1", "no_unit", "20 VNĐ", "20.000 vnđ /tờ khai"),
    ]
    assert rows[0].notes == ("thời hạn và phí dính liền «120 VNĐ(20.000 vnđ /tờ…»: đọc là thời "
                             "hạn «1» (không có đơn vị) và phí «20 VNĐ»",)
    bare = P.parse_channel_cell(HEADER + "Trực tuyến120 VNĐTrực tiếp120 VNĐ")  # 1.007642
    assert [(r.time.raw, r.fee.raw) for r in bare] == [("1", "20 VNĐ"), ("1", "20 VNĐ")]


def test_cell_zero_time():
    rows = P.parse_channel_cell(
        HEADER + "Trực tiếp0Không có thông tinỦy ban nhân dân cấp tỉnh, thành phố quy định chi "
        "tiết trình tự, thủ tục này Trực tuyến0Không có thông tinỦy ban nhân dân cấp tỉnh, thành "
        "phố quy định chi tiết trình tự, thủ tục nàyDịch vụ bưu chính0Không có thông tinỦy ban "
        "nhân dân cấp tỉnh quy định chi tiết trình tự, thủ tục này")  # 1.115148, whole cell
    assert [(r.channel, r.time.status, r.fee.kind) for r in rows] == [
        ("Trực tiếp", "missing", "unknown"), ("Trực tuyến", "missing", "unknown"),
        ("Dịch vụ bưu chính", "missing", "unknown")]
    assert rows[2].description == "Ủy ban nhân dân cấp tỉnh quy định chi tiết trình tự, thủ tục này"


def test_cell_text_time_today_lost_the_whole_channel_list():
    cell = (HEADER + "Trực tuyếnKhông quy địnhMiễn phíQua Cổng DVC Quốc gia đối với các TTHC "
            "đã toàn trình và được tích hợp, kết nối với Cổng dịch vụ công của Bộ Tài chính theo "
            "quy định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục "
            "hành chính/ các Hệ thống thông tin điện tử, hệ thống thông tin giải quyết TTHC của "
            "Cục ThuếDịch vụ bưu chínhKhông quy địnhMiễn phíThông qua dịch vụ bưu chính công ích "
            "theo quy định của Thủ tướng Chính phủ, qua thuê dịch vụ của doanh nghiệp, cá nhân "
            "hoặc qua ủy quyền theo quy định của pháp luậtTrực tiếpKhông quy địnhMiễn phíTại "
            "TTPVHCC cấp tỉnh, xã")  # 1.008312, whole cell
    rows = P.parse_channel_cell(cell)
    assert [(r.channel, r.time.text(), r.fee.text()) for r in rows] == [
        ("Trực tuyến", "Không quy định", "Miễn phí"),
        ("Dịch vụ bưu chính", "Không quy định", "Miễn phí"),
        ("Trực tiếp", "Không quy định", "Miễn phí")]
    assert rows[2].description == "Tại TTPVHCC cấp tỉnh, xã"


def test_cell_sentence_time():
    cell = (HEADER + "Trực tiếpHệ thống giải quyết thủ tục hành chính ngành Thuế thực hiện phản "
            "hồi tự động thông qua phương thức điện tử.Không có thông tinTại Trung tâm phục vụ "
            "hành chính công cấp tỉnh, xãTrực tuyếnHệ thống giải quyết thủ tục hành chính ngành "
            "Thuế thực hiện phản hồi tự động thông qua phương thức điện tử.Không có thông tinQua "
            "Cổng dịch vụ công Quốc gia hoặc Ứng dụng định danh quốc gia theo quy định về thực "
            "hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chínhDịch vụ "
            "bưu chínhHệ thống giải quyết thủ tục hành chính ngành Thuế thực hiện phản hồi tự "
            "động thông qua phương thức điện tửKhông có thông tinThông qua dịch vụ bưu chính công "
            "ích theo quy định của Thủ tướng Chính phủ, qua thuê dịch vụ của doanh nghiệp, cá "
            "nhân hoặc qua ủy quyền theo quy định của pháp luật")  # 1.009824, whole cell
    rows = P.parse_channel_cell(cell)
    assert [r.channel for r in rows] == ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]
    assert rows[0].time.raw == ("Hệ thống giải quyết thủ tục hành chính ngành Thuế thực hiện "
                                "phản hồi tự động thông qua phương thức điện tử.")
    assert rows[0].fee.kind == "unknown"
    assert rows[0].description == "Tại Trung tâm phục vụ hành chính công cấp tỉnh, xã"


def test_cell_text_time_khong():
    rows = P.parse_channel_cell(
        HEADER + "Trực tiếpKhôngKhông có thông tinTại Trung tâm phục vụ hành chính công cấp "
        "tỉnh, xãTrực tuyếnKhôngKhông có thông tinQua Cổng dịch vụ công Quốc gia")  # 1.009825
    assert [(r.channel, r.time.text(), r.fee.text(), r.description) for r in rows] == [
        ("Trực tiếp", "Không", "Chưa có thông tin",
         "Tại Trung tâm phục vụ hành chính công cấp tỉnh, xã"),
        ("Trực tuyến", "Không", "Chưa có thông tin", "Qua Cổng dịch vụ công Quốc gia")]


def test_cell_case_number_is_description_not_fee():
    rows = P.parse_channel_cell(
        HEADER + "Trực tiếp14 Ngày làm việcKhông có thông tin(1) Trường hợp thay đổi tên tổ "
        "chức, cá nhân thăm dò khoáng sản:\n*Cách thực hiện: Nộp hồ sơ về Bộ phận Tiếp nhận")
    # 1.014237, prefix: today's importer wrote phi_le_phi "(1)"
    assert rows[0].fee.raw == "" and rows[0].fee.kind == "unknown"
    assert rows[0].description.startswith("(1) Trường hợp thay đổi tên tổ chức")
    free = P.parse_channel_cell(HEADER + "Trực tuyến20 Ngày làm việcMiễn phí(i) Trường hợp diện "
                                "tích rừng tạm sử dụng")  # 1.012413, prefix
    assert (free[0].fee.raw, free[0].description) == \
        ("Miễn phí", "(i) Trường hợp diện tích rừng tạm sử dụng")


def test_cell_list_letter_without_parenthesis():
    rows = P.parse_channel_cell(HEADER + "Trực tiếp0Miễn phía) Đăng ký mới nhà tạo lập thị "
                                "trường\nThời hạn giải quyết: Trong vòng 05 ngày làm việc")
    # 3.000027, prefix: "0" is no time limit; the words after "Miễn phí" are the description
    assert (rows[0].time.status, rows[0].fee.raw) == ("missing", "Miễn phí")
    assert rows[0].description.startswith("a) Đăng ký mới nhà tạo lập thị trường")


@pytest.mark.parametrize("name, chinh, sao, group, kind", [
    ("* Lưu ý: Trường hợp trực tiếp nộp hồ sơ thì văn bản đề nghị bổ sung họ tên, số định danh "
     "cá nhân hoặc số hộ chiếu của người đến liên hệ", 0, 0, None, "note"),  # 1.013425
    ("Lưu ý:- Trường hợp nộp hồ sơ trực tiếp tại cơ quan đăng ký cư trú thì người yêu cầu đăng ký "
     "cư trú có thể nộp bản sao giấy tờ", 1, 1, None, "note"),  # 1.002755, given "1 bản chính,1 bản sao"
    ("Ghi chú: 01 bản tiếng Anh, 01 bản tiếng Việt", 0, 0, None, "note"),  # 1.012366
    ("Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ quan đăng ký hộ "
     "tịch nơi cư trú", 0, 0, "Lưu ý", "note"),  # 1.001193, group "* Lưu ý:"
    ("+ Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ đăng ký hộ tịch theo quy định của "
     "pháp luật hộ tịch, không được yêu cầu người đăng ký hộ tịch nộp thêm giấy tờ mà pháp luật "
     "hộ tịch không quy định phải nộp.", 0, 0, "Giấy tờ phải nộp", "note"),  # 1.000893
    ("Số lượng hồ sơ: 01 bộ", 0, 0, None, "quantity"),  # 1.007643
    ("* Số lượng hồ sơ: 01 (bộ)", 0, 0, None, "quantity"),  # 1.007632
    ("Người có yêu cầu đăng ký khai tử thực hiện việc nộp/xuất trình (theo hình thức trực tiếp) "
     "hoặc tải lên (theo hình thức trực tuyến) các giấy tờ sau:", 0, 0, None, "heading"),  # 1.000656
    ("Hóa đơn thương mại: 01 bản chụp;", 0, 0, None, "document"),  # 1.000034
    ("Tờ khai đăng ký khai sinh theo mẫu  (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình "
     "thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính);", 1, 0, None, "document"),  # 1.001193
    ("Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm "
     "quyền lập", 1, 0, "Giấy tờ phải nộp", "document"),  # 1.001193: a document, with a condition
])
def test_classify_dossier_row(name, chinh, sao, group, kind):
    assert P.classify_dossier_row(name, chinh, sao, group) == kind


def test_sets_from_quantity():
    assert P.sets_from_quantity("* Số lượng hồ sơ: 02 (bộ)") == 2  # 1.007638
    assert P.sets_from_quantity("Số lượng hồ sơ:  01 bộ hồ sơ.") == 1  # 1.010026
    assert P.sets_from_quantity("Số lượng hồ sơ: 01 bộ đối với trực tuyến (03 bộ đối với trường "
                                "hợp nộp hồ sơ giấy)") is None  # 3.000255: kept as a note


def test_restructure_dossier_moves_notes_keeps_words():
    groups = [  # 1.001193, rows cut to their start; counts as the portal gives them
        {"nhom": "Giấy tờ phải nộp", "giay_to": [
            {"ten": "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của "
                    "người làm chứng xác nhận về việc sinh", "ban_chinh": 1},
            {"ten": "Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh hoặc cơ quan đăng "
                    "ký hộ tịch đã khai thác được dữ liệu điện tử có ký số của Giấy chứng sinh thì "
                    "không phải nộp bản giấy.", "ban_chinh": 0}]},
        {"nhom": "Lưu ý", "giay_to": [
            {"ten": "- Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ "
                    "quan đăng ký hộ tịch nơi cư trú", "ban_chinh": 0}]},
        {"giay_to": [
            {"ten": "- Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình (theo hình "
                    "thức trực tiếp) hoặc tải lên (theo hình thức trực tuyến) các giấy tờ sau:",
             "ban_chinh": 0},
            {"ten": "- Tờ khai đăng ký khai sinh theo mẫu", "ban_chinh": 1}]},
        {"giay_to": [{"ten": "* Số lượng hồ sơ: 01 (bộ)", "ban_chinh": 0}]},
    ]
    result, sets = P.restructure_dossier(groups)
    assert sets == 1
    assert result == [
        {"nhom": "Giấy tờ phải nộp",
         "giay_to": [groups[0]["giay_to"][0]],
         "ghi_chu": "- Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh hoặc cơ quan "
                    "đăng ký hộ tịch đã khai thác được dữ liệu điện tử có ký số của Giấy chứng sinh "
                    "thì không phải nộp bản giấy."},
        {"nhom": "Lưu ý", "giay_to": [],
         "ghi_chu": "- Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ "
                    "quan đăng ký hộ tịch nơi cư trú"},
        {"nhom": "Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình (theo hình thức "
                 "trực tiếp) hoặc tải lên (theo hình thức trực tuyến) các giấy tờ sau",
         "giay_to": [{"ten": "- Tờ khai đăng ký khai sinh theo mẫu", "ban_chinh": 1}]},
    ]


def test_enumeration_order_restores_source_labels():
    names = ["c) Các tài liệu bổ sung: Hợp đồng lao động", "a) Đơn đề nghị cấp lại Giấy chứng "
             "nhận đăng ký hành nghề kiểm toán", "b) 02 ảnh màu 3x4cm"]  # 1.007632, prefixes
    assert P.enumeration_order(names) == [1, 2, 0]
    letters = ["a) x", "d) x", "b) x", "c) x", "e) x", "g) x", "đ) x", "h) x"]  # 1.000005 labels
    assert [letters[i][0] for i in P.enumeration_order(letters)] == list("abcdđegh")
    assert P.enumeration_order(["a) x", "c) x"]) is None  # a gap: not a complete sequence
    assert P.enumeration_order(["Tờ khai", "a) x"]) is None


def test_keywords():
    tail = ("Hồ sơ gửi đến cơ quan thuế không có kết quả giải quyếtMã: KQ.G12.000429Từ khóaTài "
            "sản mã hóa, khai thuếMô tảKhông có thông tin")  # 1.115132, end of raw_text
    assert P.extract_keywords(tail) == ["Tài sản mã hóa", "khai thuế"]
    code = ("Mã: KQ.G10.000895Từ khóaCấp giấy phép môi trường (cấp Tỉnh) ( 1.010727 )Mô tảKhông "
            "có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phố")  # 1.010727
    assert P.extract_keywords(code) == ["Cấp giấy phép môi trường (cấp Tỉnh) (1.010727)"]
    quoted = ("phù hợp với phạm vi đề nghị chấp thuận;\nTừ khóa:\tKết quả xử lýVăn bản chấp thuận "
              "việc đề nghị áp dụng phương pháp xếp hạng nội bộMã: KQ.G19.000320Từ khóaKhông có "
              "thông tinMô tảKhông có thông tinChọn cơ quan thực hiện")  # 1.014314
    assert P.extract_keywords(quoted) == []
    assert P.extract_keywords("") == []


def test_portal_description():
    tail = ("Mã: KQ.G10.001313Từ khóaKhông có thông tinMô tảThời hạn của Quyết định công nhận "
            "phân bón lưu hành tại Việt Nam là 10 năm.Chọn cơ quan thực hiệnTỉnh/ Thành phố")
    assert P.extract_portal_description(tail) == \
        "Thời hạn của Quyết định công nhận phân bón lưu hành tại Việt Nam là 10 năm."  # 1.007923
    assert P.extract_portal_description("Từ khóaKhông có thông tinMô tảKhông có thông tin") == ""



# --- Properties: whatever the portal typed, the page never says a bare number or free + money ---


@given(st.text(max_size=40))
@example("¹")  # a superscript digit: a number for str.isdigit, not for a "\\d" pattern
@example("５")
def test_a_time_limit_is_never_a_bare_number(raw):
    text = readings.parse_time(raw).text()
    assert not text.strip().isdigit()


@given(st.integers(min_value=1, max_value=10**7), st.sampled_from(["đồng", "VNĐ", "USD"]))
def test_free_is_never_said_beside_an_amount(amount, currency):
    fee = readings.parse_fee(f"Miễn phí (Lệ phí {amount:,} {currency}/lần)".replace(",", "."))
    assert not ("Miễn phí" in fee.text() and fee.kind == "paid")
    assert fee.kind == "paid"


@given(st.lists(st.tuples(st.sampled_from(["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]),
                          st.sampled_from(["Miễn phí", "10.000 đồng", "(Không có)", ""])),
                max_size=6))
def test_one_value_for_every_channel_is_said_once(values):
    said = summary.say_once(values)
    texts = {readings.same_key(t or readings.UNKNOWN) for _c, t in values}
    if len(texts) == 1:
        assert ":" not in said
