"""Procedure records (`procedures/`): a procedure and its parts, NĐ 63/2010 Điều 8."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, ModelWrapValidatorHandler, model_validator

from ..shapes import (
    Element,
    Email,
    FromCatalogue,
    IsoDate,
    Link,
    Markdown,
    ProcedureCode,
    Slug,
    Text,
    Url,
)
from ..vocab import ChangeKind, Channel, OnlineLevel, SourceGap, Status, TimeUnit
from .base import Record

# --- Procedure parts ------------------------------------------------------------------------


class TimeLimit(Record):
    """Thời hạn có cấu trúc: dùng để sắp xếp và xuất ra dạng ISO 8601."""

    so: float = Field(title="Số lượng", gt=0, description="Số lượng (ví dụ 5).")
    don_vi: TimeUnit = Field(
        title="Đơn vị thời gian", description="Đơn vị: ngày làm việc, ngày, giờ, tháng hoặc năm."
    )


class SubmissionChannel(Record):
    """Một cách thức thực hiện (nộp hồ sơ) với thời hạn và phí riêng."""

    hinh_thuc: Channel = Field(
        title="Hình thức nộp",
        description="Hình thức nộp: Trực tiếp, Trực tuyến hoặc Dịch vụ bưu chính.",
    )
    thoi_han: Annotated[TimeLimit | None, Element("Thời hạn giải quyết")] = Field(
        title="Thời hạn giải quyết",
        default=None,
        description="Thời hạn giải quyết theo hình thức này (số và đơn vị).",
    )
    thoi_han_mo_ta: Annotated[Text | None, Element("Thời hạn giải quyết")] = Field(
        title="Thời hạn ghi bằng lời",
        default=None,
        description="Thời hạn ghi bằng lời khi có nhiều trường hợp "
        "(ví dụ “30 ngày; trường hợp phải xác minh 45 ngày”).",
    )
    phi_le_phi: Annotated[Text | None, Element("Phí, lệ phí")] = Field(
        title="Phí, lệ phí",
        default=None,
        description="Phí, lệ phí theo hình thức này, ghi như văn bản công bố "
        "(ví dụ “Miễn phí”, “10 USD/người”). Để trống nếu không có thông tin.",
    )
    mo_ta: Markdown | None = Field(
        title="Mô tả", default=None, description="Mô tả thêm về hình thức nộp này (Markdown)."
    )


class Form(Record):
    """Mẫu đơn, tờ khai kèm theo thủ tục."""

    ten: Text = Field(
        title="Tên mẫu", description="Tên mẫu đơn, tờ khai (ví dụ “Tờ khai đăng ký khai sinh”)."
    )
    tep: Link | None = Field(
        title="Tệp mẫu",
        default=None,
        description="Đường dẫn tải mẫu: địa chỉ http(s) hoặc đường dẫn trong trang.",
    )


class DossierDocument(Record):
    """Một giấy tờ trong thành phần hồ sơ."""

    ten: Markdown = Field(title="Tên giấy tờ", description="Tên giấy tờ, ghi như văn bản công bố.")
    mau_don: Annotated[list[Form], Element("Mẫu đơn, tờ khai")] = Field(
        title="Mẫu đơn, tờ khai",
        default_factory=list,
        description="Mẫu đơn, tờ khai dùng cho giấy tờ này.",
    )
    ban_chinh: int = Field(title="Số bản chính", default=0, ge=0, description="Số bản chính.")
    ban_sao: int = Field(title="Số bản sao", default=0, ge=0, description="Số bản sao.")
    ghi_chu: Markdown | None = Field(
        title="Ghi chú", default=None, description="Ghi chú (Markdown)."
    )


#: Stand-ins that let an element the source lacks pass its "at least one" rule; the validated
#: record gets the empty list back (see `_PLACEHOLDERS`). Never shown, never written.
_PLACEHOLDER_DOCUMENT: dict[str, Any] = {"ten": "-"}


class DossierGroup(Record):
    """Một nhóm giấy tờ (ví dụ “Giấy tờ phải nộp”, “Trường hợp …”)."""

    nhom: Text | None = Field(
        title="Tên nhóm giấy tờ",
        default=None,
        description="Tên nhóm, ví dụ “Giấy tờ phải nộp”, “Giấy tờ phải xuất trình”.",
    )
    giay_to: list[DossierDocument] = Field(
        title="Giấy tờ", min_length=1, description="Các giấy tờ của nhóm."
    )
    ghi_chu: Markdown | None = Field(
        title="Ghi chú của nhóm",
        default=None,
        description="Lưu ý, ghi chú về các giấy tờ của nhóm (Markdown), ví dụ “Lưu ý: …”. "
        "Không ghi lưu ý thành giấy tờ: trang hiện giấy tờ thành ô ☐ để đánh dấu.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _note_only_group(cls, data: Any, handler: ModelWrapValidatorHandler[DossierGroup]
                         ) -> DossierGroup:
        # A group of notes only ("Lưu ý") needs no document; any other group still does.
        if isinstance(data, dict) and data.get("ghi_chu") and not data.get("giay_to"):
            return handler({**data, "giay_to": [_PLACEHOLDER_DOCUMENT]}).model_copy(
                update={"giay_to": []})
        return handler(data)


class Outcome(Record):
    """Kết quả thực hiện thủ tục."""

    ten: Text = Field(
        title="Tên kết quả", description="Tên giấy tờ kết quả (ví dụ “Giấy khai sinh”)."
    )
    ma: Text | None = Field(
        title="Mã kết quả", default=None, description="Mã kết quả quốc gia, ví dụ KQ.G15.000031."
    )
    mau: Annotated[Form | None, Element("Mẫu đơn, tờ khai")] = Field(
        title="Mẫu kết quả", default=None, description="Mẫu của giấy tờ kết quả, nếu có."
    )


class LegalDocument(Record):
    """Một văn bản trong căn cứ pháp lý."""

    so_ky_hieu: Text = Field(
        title="Số, ký hiệu", description="Số, ký hiệu văn bản, ví dụ 123/2015/NĐ-CP."
    )
    trich_yeu: Text | None = Field(
        title="Trích yếu", default=None, description="Trích yếu (tên) văn bản."
    )
    ngay_ban_hanh: IsoDate | None = Field(
        title="Ngày ban hành", default=None, description="Ngày ban hành, dạng YYYY-MM-DD."
    )
    co_quan_ban_hanh: Text | None = Field(
        title="Cơ quan ban hành", default=None, description="Cơ quan ban hành."
    )
    lien_ket: Url | None = Field(
        title="Liên kết", default=None, description="Liên kết tới toàn văn."
    )


class PublicationDecision(Record):
    """Một quyết định công bố liên quan đến thủ tục (lịch sử công bố)."""

    so_quyet_dinh: Text = Field(
        title="Số quyết định", description="Số quyết định công bố, ví dụ 163/QĐ-BTP."
    )
    ngay_ban_hanh: IsoDate | None = Field(
        title="Ngày ban hành",
        default=None,
        description="Ngày ký quyết định, dạng YYYY-MM-DD (Cơ sở dữ liệu quốc gia thường không "
        "ghi; để trống nếu nguồn không có).",
    )
    co_quan_ban_hanh: Text | None = Field(
        title="Cơ quan ban hành", default=None, description="Cơ quan ban hành quyết định."
    )
    loai: ChangeKind = Field(
        title="Loại công bố",
        description="Loại công bố: mới ban hành; sửa đổi, bổ sung; thay thế; bãi bỏ.",
    )
    noi_dung_thay_doi: Markdown | None = Field(
        title="Nội dung thay đổi",
        default=None,
        description="Bộ phận được sửa đổi, bổ sung, thay thế (bắt buộc với “sửa đổi, bổ sung” "
        "và “thay thế”) hoặc căn cứ bãi bỏ (với “bãi bỏ”).",
    )
    ngay_hieu_luc: IsoDate | None = Field(
        title="Ngày có hiệu lực", default=None, description="Ngày có hiệu lực, dạng YYYY-MM-DD."
    )
    lien_ket: Url | None = Field(
        title="Liên kết", default=None, description="Liên kết tới toàn văn quyết định."
    )


class Feedback(Record):
    """Nơi tiếp nhận phản ánh, kiến nghị về quy định hành chính (TT 05/2014/TT-BTP Điều 12)."""

    co_quan: Text = Field(
        title="Cơ quan tiếp nhận", description="Tên cơ quan tiếp nhận phản ánh, kiến nghị."
    )
    dia_chi: Text = Field(title="Địa chỉ", description="Địa chỉ cơ quan tiếp nhận.")
    dien_thoai: Text | None = Field(
        title="Điện thoại", default=None, description="Số điện thoại chuyên dùng."
    )
    email: Email | None = Field(title="Thư điện tử", default=None, description="Thư điện tử.")
    website: Url | None = Field(
        title="Trang thông tin", default=None, description="Trang thông tin điện tử."
    )
    huong_dan: Markdown | None = Field(
        title="Hướng dẫn", default=None, description="Hướng dẫn gửi phản ánh, kiến nghị (Markdown)."
    )


class Procedure(Record):
    """Hồ sơ một thủ tục hành chính (TTHC), một tệp YAML trong `procedures/`."""

    ma_thu_tuc: ProcedureCode = Field(
        title="Mã thủ tục",
        description='Mã thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ "1.001193". '
        "Luôn đặt trong dấu ngoặc kép.",
    )
    ten_thu_tuc: Text = Field(
        title="Tên thủ tục", description="Tên thủ tục, ghi đúng như quyết định công bố."
    )
    mo_ta: Markdown | None = Field(
        title="Mô tả",
        default=None,
        description="Một, hai câu cho biết thủ tục dùng để làm gì (Markdown).",
    )
    linh_vuc: Annotated[Text, FromCatalogue("linh_vuc")] = Field(
        title="Lĩnh vực", description="Lĩnh vực, lấy từ danh mục lĩnh vực trong mkdocs.yml."
    )
    cap_thuc_hien: Annotated[list[Text], FromCatalogue("cap_thuc_hien")] = Field(
        title="Cấp thực hiện",
        min_length=1,
        description="Cấp thực hiện (một hoặc nhiều), lấy từ danh mục cấp.",
    )
    loai_thu_tuc: Text | None = Field(
        title="Loại thủ tục",
        default=None,
        description="Loại thủ tục, ví dụ “TTHC được giao luật quy định chi tiết”.",
    )
    doi_tuong_thuc_hien: list[Text] = Field(
        title="Đối tượng thực hiện",
        min_length=1,
        description="Đối tượng thực hiện, ví dụ Công dân Việt Nam.",
    )
    co_quan_thuc_hien: Slug = Field(
        title="Cơ quan thực hiện",
        description="Mã đơn vị (ma_don_vi) của cơ quan thực hiện, có hồ sơ trong `units/`.",
    )
    co_quan_co_tham_quyen: Text | None = Field(
        title="Cơ quan có thẩm quyền", default=None, description="Cơ quan có thẩm quyền quyết định."
    )
    co_quan_duoc_uy_quyen: Text | None = Field(
        title="Cơ quan được ủy quyền", default=None, description="Cơ quan được ủy quyền, nếu có."
    )
    co_quan_phoi_hop: Text | None = Field(
        title="Cơ quan phối hợp", default=None, description="Cơ quan phối hợp, nếu có."
    )
    dia_diem_thuc_hien: Markdown | None = Field(
        title="Địa điểm thực hiện",
        default=None,
        description="Địa điểm, thời gian tiếp nhận và trả kết quả. Nếu để trống, dùng địa chỉ "
        "của cơ quan thực hiện.",
    )
    trinh_tu_thuc_hien: list[Markdown] = Field(
        title="Trình tự thực hiện",
        min_length=1,
        description="Các bước thực hiện, mỗi bước một mục (Markdown).",
    )
    cach_thuc_thuc_hien: list[SubmissionChannel] = Field(
        title="Cách thức thực hiện",
        min_length=1,
        description="Cách thức thực hiện: mỗi hình thức nộp một mục.",
    )
    thoi_han_giai_quyet: Text | None = Field(
        title="Thời hạn giải quyết",
        default=None,
        description="Thời hạn giải quyết chung, ghi bằng lời. Nếu để trống, lấy từ các cách thức.",
    )
    thanh_phan_ho_so: list[DossierGroup] = Field(
        title="Thành phần, số lượng hồ sơ",
        min_length=1,
        description="Thành phần, số lượng hồ sơ, chia theo nhóm.",
    )
    so_bo_ho_so: int | None = Field(
        title="Thành phần, số lượng hồ sơ", default=None, ge=1, description="Số bộ hồ sơ."
    )
    yeu_cau_dieu_kien: Markdown | None = Field(
        title="Yêu cầu, điều kiện",
        default=None,
        description="Yêu cầu, điều kiện thực hiện. Để trống nếu không có.",
    )
    ket_qua_thuc_hien: list[Outcome] = Field(
        title="Kết quả thực hiện", min_length=1, description="Kết quả thực hiện thủ tục."
    )
    can_cu_phap_ly: list[LegalDocument] = Field(
        title="Căn cứ pháp lý",
        min_length=1,
        description="Căn cứ pháp lý: các văn bản quy định thủ tục.",
    )
    cong_bo: list[PublicationDecision] = Field(
        title="Quyết định công bố",
        min_length=1,
        description="Các quyết định công bố thủ tục, từ cũ đến mới.",
    )
    trang_thai: Status = Field(
        title="Trạng thái",
        default="đang áp dụng",
        description="“đang áp dụng” hoặc “đã bãi bỏ” (cần quyết định công bố loại bãi bỏ).",
    )
    thu_tuc_thay_the: ProcedureCode | None = Field(
        title="Thủ tục thay thế",
        default=None,
        description="Mã thủ tục thay thế thủ tục đã bãi bỏ, nếu có.",
    )
    muc_do_dvc: OnlineLevel | None = Field(
        title="Mức độ dịch vụ công trực tuyến",
        default=None,
        description="Mức độ dịch vụ công trực tuyến: “toàn trình” hoặc “một phần”.",
    )
    dia_chi_truc_tuyen: Url | None = Field(
        title="Địa chỉ nộp trực tuyến",
        default=None,
        description="Địa chỉ nộp hồ sơ trực tuyến (Cổng dịch vụ công).",
    )
    thu_tuc_lien_quan: list[ProcedureCode] = Field(
        title="Thủ tục liên quan", default_factory=list, description="Mã các thủ tục liên quan."
    )
    ma_dinh_danh_co_quan: Text | None = Field(
        title="Mã định danh cơ quan", default=None, description="Mã định danh cơ quan, nếu có."
    )
    nguon: Url | None = Field(
        title="Nguồn",
        default=None,
        description="Trang của thủ tục trên Cổng Dịch vụ công quốc gia.",
    )
    chua_co_thong_tin: list[SourceGap] = Field(
        title="Chưa có thông tin",
        default_factory=list,
        description="Chỉ cho hồ sơ nhập từ Cơ sở dữ liệu quốc gia (có `nguon`): các thành phần "
        "bắt buộc mà nguồn quốc gia chưa có (ví dụ can_cu_phap_ly). Trang ghi rõ là chưa có "
        "thông tin; bổ sung thành phần rồi xóa tên nó khỏi danh sách này.",
    )
    tu_khoa: list[Text] = Field(
        title="Từ khóa",
        default_factory=list,
        description="Từ khóa của thủ tục (mục “Từ khóa” trên Cổng Dịch vụ công quốc gia).",
    )
    ngay_cap_nhat: IsoDate | None = Field(
        title="Ngày cập nhật",
        default=None,
        description="Ngày cập nhật nội dung lần cuối. Nếu để trống, lấy ngày quyết định công bố "
        "gần nhất.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _source_gaps(cls, data: Any, handler: ModelWrapValidatorHandler[Procedure]
                     ) -> Procedure:
        """An imported record (`nguon`) may lack the elements it lists in `chua_co_thong_tin`;
        a hand-written record keeps every "at least one" rule (crosscheck reports a list on
        it as an error)."""
        excused = _excused(data)
        if not excused:
            return handler(data)
        filled = {**data, **{name: _PLACEHOLDERS[name] for name in excused}}
        return handler(filled).model_copy(update={name: [] for name in excused})


#: Stand-ins for each element a national record may lack (see `_source_gaps`).
_PLACEHOLDERS: dict[str, list[Any]] = {
    "trinh_tu_thuc_hien": ["-"],
    "cach_thuc_thuc_hien": [{"hinh_thuc": "Trực tiếp"}],
    "thanh_phan_ho_so": [{"giay_to": [_PLACEHOLDER_DOCUMENT]}],
    "doi_tuong_thuc_hien": ["-"],
    "ket_qua_thuc_hien": [{"ten": "-"}],
    "can_cu_phap_ly": [{"so_ky_hieu": "-"}],
}


def _excused(data: Any) -> list[str]:
    """The listed gap elements that are absent or empty in an imported record's data."""
    if not isinstance(data, dict) or not data.get("nguon"):
        return []
    listed = data.get("chua_co_thong_tin")
    if not isinstance(listed, list):
        return []
    return [name for name in _PLACEHOLDERS
            if name in listed and data.get(name) in (None, [], "")]
