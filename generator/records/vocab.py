"""The domain's closed vocabularies, defined once.

The schema types its fields with these `Literal`s; derivations, checks, templates and reports
use the constants below instead of repeating the words. Open vocabularies (sectors, levels,
unit kinds) are data in the project configuration, never code (see `config.py`).
"""

from __future__ import annotations

from typing import Final, Literal, get_args

#: Cách thức thực hiện: how a dossier may be submitted (NĐ 63/2010 Điều 8), in display order.
Channel = Literal["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]
CHANNELS: Final[tuple[Channel, ...]] = get_args(Channel)
IN_PERSON: Final[Channel] = "Trực tiếp"
ONLINE: Final[Channel] = "Trực tuyến"

#: Units of a structured time limit.
TimeUnit = Literal["ngày làm việc", "ngày", "giờ", "tháng", "năm"]
TIME_UNITS: Final[tuple[TimeUnit, ...]] = get_args(TimeUnit)

#: Kinds of entry in a procedure's publication history (TT 05/2014/TT-BTP: three lists per
#: decision — new; amended, supplemented or replaced; abolished).
ChangeKind = Literal["mới ban hành", "sửa đổi, bổ sung", "thay thế", "bãi bỏ"]
CHANGE_KINDS: Final[tuple[ChangeKind, ...]] = get_args(ChangeKind)
NEW: Final[ChangeKind] = "mới ban hành"
ABOLITION: Final[ChangeKind] = "bãi bỏ"
#: Kinds that must say what changed (`noi_dung_thay_doi`).
AMENDING: Final[tuple[ChangeKind, ...]] = ("sửa đổi, bổ sung", "thay thế")

#: Mức độ dịch vụ công trực tuyến since NĐ 42/2022.
OnlineLevel = Literal["toàn trình", "một phần"]
ONLINE_LEVELS: Final[tuple[OnlineLevel, ...]] = get_args(OnlineLevel)
FULLY_ONLINE: Final[OnlineLevel] = "toàn trình"

Status = Literal["đang áp dụng", "đã bãi bỏ"]
CURRENT: Final[Status] = "đang áp dụng"
ABOLISHED: Final[Status] = "đã bãi bỏ"

#: Comparison rule of a band threshold.
BandRule = Literal[">=", ">"]
#: Whether band thresholds are percentages of the maximum or points.
BandBasis = Literal["phan-tram", "diem"]

#: Cấp thực hiện offered when a project configures none (procedures.md §1, item 16).
DEFAULT_LEVELS: Final[tuple[str, ...]] = ("Cấp bộ", "Cấp tỉnh", "Cấp xã", "Cơ quan khác")

#: What every page says where a record gives no value: never an invented "Không".
NO_INFO: Final = "Không có thông tin"

#: Elements the law requires (NĐ 63/2010 Điều 8) that a record imported from the national
#: database may lack (`chua_co_thong_tin`), with the words pages and messages use.
#: `thoi_han_giai_quyet` stands for "no channel has a time limit and there is no overall one".
SourceGap = Literal["trinh_tu_thuc_hien", "cach_thuc_thuc_hien", "thanh_phan_ho_so",
                    "thoi_han_giai_quyet", "doi_tuong_thuc_hien", "ket_qua_thuc_hien",
                    "can_cu_phap_ly"]
SOURCE_GAPS: Final[tuple[SourceGap, ...]] = get_args(SourceGap)
SOURCE_GAP_WORDS: Final[dict[str, str]] = {
    "trinh_tu_thuc_hien": "trình tự thực hiện",
    "cach_thuc_thuc_hien": "cách thức thực hiện",
    "thanh_phan_ho_so": "thành phần hồ sơ",
    "thoi_han_giai_quyet": "thời hạn giải quyết",
    "doi_tuong_thuc_hien": "đối tượng thực hiện",
    "ket_qua_thuc_hien": "kết quả thực hiện",
    "can_cu_phap_ly": "căn cứ pháp lý",
}
#: What a page says for an empty optional element of an imported record (never "Không").
NO_INFO_YET: Final = "Cơ sở dữ liệu quốc gia chưa có thông tin"
