"""The one declaration of the record schema.

Every record kind (`Procedure`, `Unit`, `IndexDefinition`) and its nested parts is a pydantic
model here, with a Vietnamese description on every field. The validator (`validate.py`), the
published JSON Schema (`jsonschema_export.py`, committed under `schema/`) and the editors' field
table in the guide are all generated from these classes, so they cannot drift apart.

YAML keys follow the national public-service portal's field names (`ma_thu_tuc`,
`ten_thu_tuc`, ...) so editors see the labels they already know.

Sectors, levels and unit kinds are *data* (lists in the project configuration), not enums:
they are checked against the configuration in `validate.py`, never hard-coded here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

import re

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

# --- Shared scalar shapes -------------------------------------------------------------------

#: Non-empty text, as typed (NFC-normalised by the loader).
Text = Annotated[str, StringConstraints(min_length=1)]

#: Long text that may use Markdown; raw HTML is shown as text, never executed.
Markdown = Annotated[str, StringConstraints(min_length=1)]

#: National procedure code, e.g. `1.001193`, with local variants such as `1.012753.H19`.
PROCEDURE_CODE_PATTERN = r"^[0-9]\.[0-9]{6}(\.[0-9A-Za-z]+)*$"
ProcedureCode = Annotated[str, StringConstraints(pattern=PROCEDURE_CODE_PATTERN)]

#: Identifier used in URLs: lower-case ASCII letters, digits and hyphens.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]

#: An absolute http(s) link or a path relative to the site (forms, documents).
LINK_PATTERN = r"^(https?://\S+|/?[A-Za-z0-9._~%/-]+)$"
Link = Annotated[str, StringConstraints(pattern=LINK_PATTERN)]

URL_PATTERN = r"^https?://\S+$"
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]

Year = Annotated[int, Field(ge=1990, le=2100)]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_only(value: object) -> object:
    """pydantic also reads Unix timestamps ("0" is 1970-01-01) and date-times as dates;
    editors are told YYYY-MM-DD and nothing else may pass."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_parsing", "date must be YYYY-MM-DD")
    return value


#: A calendar date written as YYYY-MM-DD.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]

Channel = Literal["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]
TimeUnit = Literal["ngày làm việc", "ngày", "giờ", "tháng", "năm"]
ChangeKind = Literal["mới ban hành", "sửa đổi, bổ sung", "thay thế", "bãi bỏ"]
OnlineLevel = Literal["toàn trình", "một phần"]
Status = Literal["đang áp dụng", "đã bãi bỏ"]


class Record(BaseModel):
    """Base for every record part: unknown keys are errors (a misspelt key must not vanish)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# --- Procedure parts ------------------------------------------------------------------------


class TimeLimit(Record):
    """Thời hạn có cấu trúc: dùng để sắp xếp và xuất ra dạng ISO 8601."""

    so: float = Field(gt=0, description="Số lượng (ví dụ 5).")
    don_vi: TimeUnit = Field(
        description="Đơn vị: ngày làm việc, ngày, giờ, tháng hoặc năm."
    )


class SubmissionChannel(Record):
    """Một cách thức thực hiện (nộp hồ sơ) với thời hạn và phí riêng."""

    hinh_thuc: Channel = Field(
        description="Hình thức nộp: Trực tiếp, Trực tuyến hoặc Dịch vụ bưu chính."
    )
    thoi_han: Optional[TimeLimit] = Field(
        default=None, description="Thời hạn giải quyết theo hình thức này (số và đơn vị)."
    )
    thoi_han_mo_ta: Optional[Text] = Field(
        default=None,
        description="Thời hạn ghi bằng lời khi có nhiều trường hợp "
        "(ví dụ “30 ngày; trường hợp phải xác minh 45 ngày”).",
    )
    phi_le_phi: Optional[Text] = Field(
        default=None,
        description="Phí, lệ phí theo hình thức này, ghi như văn bản công bố "
        "(ví dụ “Miễn phí”, “10 USD/người”). Để trống nếu không có thông tin.",
    )
    mo_ta: Optional[Markdown] = Field(
        default=None, description="Mô tả thêm về hình thức nộp này (Markdown)."
    )


class Form(Record):
    """Mẫu đơn, tờ khai kèm theo thủ tục."""

    ten: Text = Field(description="Tên mẫu đơn, tờ khai (ví dụ “Tờ khai đăng ký khai sinh”).")
    tep: Optional[Link] = Field(
        default=None,
        description="Đường dẫn tải mẫu: địa chỉ http(s) hoặc đường dẫn trong trang.",
    )


class DossierDocument(Record):
    """Một giấy tờ trong thành phần hồ sơ."""

    ten: Markdown = Field(description="Tên giấy tờ, ghi như văn bản công bố.")
    mau_don: list[Form] = Field(
        default_factory=list, description="Mẫu đơn, tờ khai dùng cho giấy tờ này."
    )
    ban_chinh: int = Field(default=0, ge=0, description="Số bản chính.")
    ban_sao: int = Field(default=0, ge=0, description="Số bản sao.")
    ghi_chu: Optional[Markdown] = Field(default=None, description="Ghi chú (Markdown).")


class DossierGroup(Record):
    """Một nhóm giấy tờ (ví dụ “Giấy tờ phải nộp”, “Trường hợp …”)."""

    nhom: Optional[Text] = Field(
        default=None, description="Tên nhóm, ví dụ “Giấy tờ phải nộp”, “Giấy tờ phải xuất trình”."
    )
    giay_to: list[DossierDocument] = Field(
        min_length=1, description="Các giấy tờ của nhóm."
    )


class Outcome(Record):
    """Kết quả thực hiện thủ tục."""

    ten: Text = Field(description="Tên giấy tờ kết quả (ví dụ “Giấy khai sinh”).")
    ma: Optional[Text] = Field(default=None, description="Mã kết quả quốc gia, ví dụ KQ.G15.000031.")
    mau: Optional[Form] = Field(default=None, description="Mẫu của giấy tờ kết quả, nếu có.")


class LegalDocument(Record):
    """Một văn bản trong căn cứ pháp lý."""

    so_ky_hieu: Text = Field(description="Số, ký hiệu văn bản, ví dụ 123/2015/NĐ-CP.")
    trich_yeu: Optional[Text] = Field(default=None, description="Trích yếu (tên) văn bản.")
    ngay_ban_hanh: Optional[IsoDate] = Field(
        default=None, description="Ngày ban hành, dạng YYYY-MM-DD."
    )
    co_quan_ban_hanh: Optional[Text] = Field(default=None, description="Cơ quan ban hành.")
    lien_ket: Optional[Url] = Field(default=None, description="Liên kết tới toàn văn.")


class PublicationDecision(Record):
    """Một quyết định công bố liên quan đến thủ tục (lịch sử công bố)."""

    so_quyet_dinh: Text = Field(description="Số quyết định công bố, ví dụ 163/QĐ-BTP.")
    ngay_ban_hanh: Optional[IsoDate] = Field(
        default=None,
        description="Ngày ký quyết định, dạng YYYY-MM-DD (Cơ sở dữ liệu quốc gia thường không "
        "ghi; để trống nếu nguồn không có).",
    )
    co_quan_ban_hanh: Optional[Text] = Field(
        default=None, description="Cơ quan ban hành quyết định."
    )
    loai: ChangeKind = Field(
        description="Loại công bố: mới ban hành; sửa đổi, bổ sung; thay thế; bãi bỏ."
    )
    noi_dung_thay_doi: Optional[Markdown] = Field(
        default=None,
        description="Bộ phận được sửa đổi, bổ sung, thay thế (bắt buộc với “sửa đổi, bổ sung” "
        "và “thay thế”) hoặc căn cứ bãi bỏ (với “bãi bỏ”).",
    )
    ngay_hieu_luc: Optional[IsoDate] = Field(
        default=None, description="Ngày có hiệu lực, dạng YYYY-MM-DD."
    )
    lien_ket: Optional[Url] = Field(default=None, description="Liên kết tới toàn văn quyết định.")


class Feedback(Record):
    """Nơi tiếp nhận phản ánh, kiến nghị về quy định hành chính (TT 05/2014/TT-BTP Điều 12)."""

    co_quan: Text = Field(description="Tên cơ quan tiếp nhận phản ánh, kiến nghị.")
    dia_chi: Text = Field(description="Địa chỉ cơ quan tiếp nhận.")
    dien_thoai: Optional[Text] = Field(default=None, description="Số điện thoại chuyên dùng.")
    email: Optional[Email] = Field(default=None, description="Thư điện tử.")
    website: Optional[Url] = Field(default=None, description="Trang thông tin điện tử.")
    huong_dan: Optional[Markdown] = Field(
        default=None, description="Hướng dẫn gửi phản ánh, kiến nghị (Markdown)."
    )


class Procedure(Record):
    """Hồ sơ một thủ tục hành chính (TTHC), một tệp YAML trong `procedures/`."""

    ma_thu_tuc: ProcedureCode = Field(
        description="Mã thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ \"1.001193\". "
        "Luôn đặt trong dấu ngoặc kép."
    )
    ten_thu_tuc: Text = Field(description="Tên thủ tục, ghi đúng như quyết định công bố.")
    mo_ta: Optional[Markdown] = Field(
        default=None, description="Một, hai câu cho biết thủ tục dùng để làm gì (Markdown)."
    )
    linh_vuc: Text = Field(description="Lĩnh vực, lấy từ danh mục lĩnh vực trong mkdocs.yml.")
    cap_thuc_hien: list[Text] = Field(
        min_length=1, description="Cấp thực hiện (một hoặc nhiều), lấy từ danh mục cấp."
    )
    loai_thu_tuc: Optional[Text] = Field(
        default=None,
        description="Loại thủ tục, ví dụ “TTHC được giao luật quy định chi tiết”.",
    )
    doi_tuong_thuc_hien: list[Text] = Field(
        min_length=1, description="Đối tượng thực hiện, ví dụ Công dân Việt Nam."
    )
    co_quan_thuc_hien: Slug = Field(
        description="Mã đơn vị (ma_don_vi) của cơ quan thực hiện, có hồ sơ trong `units/`."
    )
    co_quan_co_tham_quyen: Optional[Text] = Field(
        default=None, description="Cơ quan có thẩm quyền quyết định."
    )
    co_quan_duoc_uy_quyen: Optional[Text] = Field(
        default=None, description="Cơ quan được ủy quyền, nếu có."
    )
    co_quan_phoi_hop: Optional[Text] = Field(default=None, description="Cơ quan phối hợp, nếu có.")
    dia_diem_thuc_hien: Optional[Markdown] = Field(
        default=None,
        description="Địa điểm, thời gian tiếp nhận và trả kết quả. Nếu để trống, dùng địa chỉ "
        "của cơ quan thực hiện.",
    )
    trinh_tu_thuc_hien: list[Markdown] = Field(
        min_length=1, description="Các bước thực hiện, mỗi bước một mục (Markdown)."
    )
    cach_thuc_thuc_hien: list[SubmissionChannel] = Field(
        min_length=1, description="Cách thức thực hiện: mỗi hình thức nộp một mục."
    )
    thoi_han_giai_quyet: Optional[Text] = Field(
        default=None,
        description="Thời hạn giải quyết chung, ghi bằng lời. Nếu để trống, lấy từ các cách thức.",
    )
    thanh_phan_ho_so: list[DossierGroup] = Field(
        min_length=1, description="Thành phần, số lượng hồ sơ, chia theo nhóm."
    )
    so_bo_ho_so: Optional[int] = Field(default=None, ge=1, description="Số bộ hồ sơ.")
    yeu_cau_dieu_kien: Optional[Markdown] = Field(
        default=None, description="Yêu cầu, điều kiện thực hiện. Để trống nếu không có."
    )
    ket_qua_thuc_hien: list[Outcome] = Field(
        min_length=1, description="Kết quả thực hiện thủ tục."
    )
    can_cu_phap_ly: list[LegalDocument] = Field(
        min_length=1, description="Căn cứ pháp lý: các văn bản quy định thủ tục."
    )
    cong_bo: list[PublicationDecision] = Field(
        min_length=1, description="Các quyết định công bố thủ tục, từ cũ đến mới."
    )
    trang_thai: Status = Field(
        default="đang áp dụng",
        description="“đang áp dụng” hoặc “đã bãi bỏ” (cần quyết định công bố loại bãi bỏ).",
    )
    thu_tuc_thay_the: Optional[ProcedureCode] = Field(
        default=None, description="Mã thủ tục thay thế thủ tục đã bãi bỏ, nếu có."
    )
    muc_do_dvc: Optional[OnlineLevel] = Field(
        default=None,
        description="Mức độ dịch vụ công trực tuyến: “toàn trình” hoặc “một phần”.",
    )
    dia_chi_truc_tuyen: Optional[Url] = Field(
        default=None, description="Địa chỉ nộp hồ sơ trực tuyến (Cổng dịch vụ công)."
    )
    thu_tuc_lien_quan: list[ProcedureCode] = Field(
        default_factory=list, description="Mã các thủ tục liên quan."
    )
    ma_dinh_danh_co_quan: Optional[Text] = Field(
        default=None, description="Mã định danh cơ quan, nếu có."
    )
    nguon: Optional[Url] = Field(
        default=None, description="Trang của thủ tục trên Cổng Dịch vụ công quốc gia."
    )
    ngay_cap_nhat: Optional[IsoDate] = Field(
        default=None,
        description="Ngày cập nhật nội dung lần cuối. Nếu để trống, lấy ngày quyết định công bố "
        "gần nhất.",
    )


# --- Unit and scores ------------------------------------------------------------------------


class Contact(Record):
    """Thông tin liên hệ của đơn vị."""

    dia_chi: Optional[Text] = Field(default=None, description="Địa chỉ trụ sở.")
    dien_thoai: Optional[Text] = Field(default=None, description="Số điện thoại.")
    email: Optional[Email] = Field(default=None, description="Thư điện tử.")
    website: Optional[Url] = Field(default=None, description="Trang thông tin điện tử.")
    gio_lam_viec: Optional[Text] = Field(default=None, description="Thời gian tiếp nhận hồ sơ.")


class ScoreSource(Record):
    """Nguồn công bố của một điểm số: giữ nguyên giá trị đã công bố."""

    van_ban: Text = Field(description="Số, ký hiệu hoặc tên văn bản công bố kết quả.")
    ngay: Optional[IsoDate] = Field(default=None, description="Ngày công bố, dạng YYYY-MM-DD.")
    lien_ket: Optional[Url] = Field(default=None, description="Liên kết tới văn bản công bố.")


class ScoreEntry(Record):
    """Kết quả của đơn vị trên một chỉ số trong một năm."""

    nam: Year = Field(description="Năm đánh giá.")
    tong_diem: Optional[float] = Field(
        default=None, ge=0, description="Tổng điểm (hoặc giá trị chỉ số) đã công bố."
    )
    thanh_phan: dict[str, float] = Field(
        default_factory=dict,
        description="Điểm từng lĩnh vực thành phần, theo mã thành phần trong định nghĩa chỉ số.",
    )
    xep_hang: Optional[int] = Field(
        default=None, ge=1, description="Thứ hạng chính thức đã công bố, nếu có."
    )
    so_don_vi_xep_hang: Optional[int] = Field(
        default=None, ge=1, description="Tổng số đơn vị được xếp hạng trong bảng chính thức."
    )
    khong_cham_diem: bool = Field(
        default=False, description="true nếu năm đó đơn vị không được đánh giá (N/A)."
    )
    ly_do: Optional[Text] = Field(default=None, description="Lý do không đánh giá, nếu có.")
    nguon: Optional[ScoreSource] = Field(
        default=None, description="Nguồn công bố (bắt buộc khi có điểm)."
    )


class Unit(Record):
    """Hồ sơ một đơn vị (tỉnh, sở, xã…), một tệp YAML trong `units/`."""

    ma_don_vi: Slug = Field(description="Mã đơn vị dùng trong địa chỉ trang, ví dụ so-tu-phap.")
    ten_don_vi: Text = Field(description="Tên đầy đủ của đơn vị.")
    ten_viet_tat: Optional[Text] = Field(default=None, description="Tên ngắn, nếu có.")
    loai_don_vi: Text = Field(
        description="Loại đơn vị (nhóm xếp hạng), lấy từ danh mục loại đơn vị trong mkdocs.yml."
    )
    cap: Optional[Text] = Field(default=None, description="Cấp hành chính, lấy từ danh mục cấp.")
    don_vi_cap_tren: Optional[Slug] = Field(default=None, description="Mã đơn vị cấp trên.")
    hieu_luc_tu: Optional[IsoDate] = Field(default=None, description="Ngày bắt đầu hoạt động.")
    hieu_luc_den: Optional[IsoDate] = Field(
        default=None, description="Ngày thôi hoạt động (sáp nhập, giải thể)."
    )
    sap_nhap_vao: Optional[Slug] = Field(
        default=None, description="Mã đơn vị mà đơn vị này được sáp nhập vào."
    )
    gioi_thieu: Optional[Markdown] = Field(default=None, description="Giới thiệu ngắn (Markdown).")
    lien_he: Optional[Contact] = Field(default=None, description="Thông tin liên hệ.")
    phan_anh_kien_nghi: Optional[Feedback] = Field(
        default=None,
        description="Nơi tiếp nhận phản ánh, kiến nghị riêng của đơn vị (thay cho mặc định).",
    )
    diem_so: dict[Slug, list[ScoreEntry]] = Field(
        default_factory=dict,
        description="Điểm theo từng chỉ số: khóa là mã chỉ số (ví dụ par-index), giá trị là "
        "danh sách kết quả theo năm.",
    )


# --- Index definitions ----------------------------------------------------------------------


class Component(Record):
    """Một lĩnh vực (chỉ số) thành phần và điểm tối đa của nó."""

    ma: Slug = Field(description="Mã thành phần dùng trong hồ sơ điểm của đơn vị.")
    ten: Text = Field(description="Tên thành phần.")
    diem_toi_da: Optional[float] = Field(
        default=None, gt=0, description="Điểm tối đa; để trống nếu chưa được công bố."
    )


class FrameworkVersion(Record):
    """Một phiên bản bộ tiêu chí, áp dụng cho một khoảng năm."""

    ma: Slug = Field(description="Mã phiên bản.")
    ten: Text = Field(description="Tên phiên bản, ví dụ “Bộ chỉ số theo QĐ 876/QĐ-BNV”.")
    van_ban: Optional[Text] = Field(default=None, description="Văn bản ban hành bộ tiêu chí.")
    tu_nam: Year = Field(description="Năm đầu tiên áp dụng.")
    den_nam: Optional[Year] = Field(default=None, description="Năm cuối cùng áp dụng (trống: nay).")
    ap_dung_cho: list[Text] = Field(
        default_factory=list,
        description="Các loại đơn vị áp dụng; để trống nếu áp dụng cho mọi loại.",
    )
    tong_diem_toi_da: float = Field(gt=0, description="Tổng điểm tối đa của phiên bản.")
    thanh_phan: list[Component] = Field(default_factory=list, description="Các thành phần.")


class Band(Record):
    """Một mức xếp loại và ngưỡng dưới của nó."""

    ten: Text = Field(description="Tên mức, ví dụ “Nhóm A”, “Xuất sắc”.")
    nguong: float = Field(ge=0, description="Ngưỡng dưới của mức (theo đơn vị của bảng).")


class BandSet(Record):
    """Bảng xếp loại của một cơ quan cho một số loại đơn vị và năm."""

    co_quan_ban_hanh: Text = Field(description="Cơ quan ban hành cách xếp loại.")
    ap_dung_cho: list[Text] = Field(
        default_factory=list, description="Các loại đơn vị áp dụng; trống: mọi loại."
    )
    tu_nam: Year = Field(description="Năm đầu tiên áp dụng.")
    den_nam: Optional[Year] = Field(default=None, description="Năm cuối cùng áp dụng (trống: nay).")
    so_sanh: Literal[">=", ">"] = Field(
        default=">=", description="Quy tắc ngưỡng: “>=” (từ ngưỡng trở lên) hoặc “>” (trên ngưỡng)."
    )
    theo: Literal["phan-tram", "diem"] = Field(
        default="phan-tram",
        description="Ngưỡng tính theo phần trăm điểm tối đa (phan-tram) hay theo điểm (diem).",
    )
    muc: list[Band] = Field(min_length=1, description="Các mức, từ cao xuống thấp.")
    duoi_nguong: Optional[Text] = Field(
        default=None, description="Tên mức cho điểm dưới ngưỡng thấp nhất, nếu có."
    )


class Scale(Record):
    """Thang đo của chỉ số."""

    toi_thieu: float = Field(default=0, description="Giá trị nhỏ nhất.")
    toi_da: float = Field(gt=0, description="Giá trị lớn nhất của thang đo.")
    don_vi: Optional[Text] = Field(default=None, description="Đơn vị hiển thị, ví dụ “điểm”.")
    so_chu_so_thap_phan: int = Field(default=2, ge=0, le=6, description="Số chữ số thập phân.")


class IndexDefinition(Record):
    """Định nghĩa một chỉ số đánh giá (PAR Index, ICT Index, …), một tệp YAML trong `indexes/`."""

    ma_chi_so: Slug = Field(description="Mã chỉ số dùng trong địa chỉ trang, ví dụ par-index.")
    ten: Text = Field(description="Tên đầy đủ của chỉ số.")
    ten_viet_tat: Optional[Text] = Field(default=None, description="Tên ngắn, ví dụ PAR Index.")
    co_quan_chu_tri: Optional[Text] = Field(
        default=None, description="Cơ quan chủ trì đánh giá ở cấp quốc gia."
    )
    mo_ta: Optional[Markdown] = Field(default=None, description="Chỉ số đo điều gì (Markdown).")
    thang_do: Scale = Field(description="Thang đo.")
    cao_hon_la_tot: bool = Field(default=True, description="true nếu điểm cao hơn là tốt hơn.")
    phien_ban: list[FrameworkVersion] = Field(
        min_length=1, description="Các phiên bản bộ tiêu chí theo năm."
    )
    phan_loai: list[BandSet] = Field(
        default_factory=list, description="Các bảng xếp loại theo cơ quan, loại đơn vị và năm."
    )


RECORD_KINDS: dict[str, type[Record]] = {
    "procedures": Procedure,
    "units": Unit,
    "indexes": IndexDefinition,
}
