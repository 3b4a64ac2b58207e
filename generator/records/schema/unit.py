"""Unit records (`units/`): a unit, its contacts and its yearly scores."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..shapes import (
    Email,
    FromCatalogue,
    IsoDate,
    Markdown,
    Slug,
    Text,
    Url,
    Year,
)
from .base import Record
from .procedure import Feedback

# --- Unit and scores ------------------------------------------------------------------------


class Contact(Record):
    """Thông tin liên hệ của đơn vị."""

    dia_chi: Text | None = Field(title="Địa chỉ", default=None, description="Địa chỉ trụ sở.")
    dien_thoai: Text | None = Field(
        title="Điện thoại", default=None, description="Số điện thoại."
    )
    email: Email | None = Field(title="Thư điện tử", default=None, description="Thư điện tử.")
    website: Url | None = Field(
        title="Trang thông tin", default=None, description="Trang thông tin điện tử."
    )
    gio_lam_viec: Text | None = Field(
        title="Thời gian làm việc", default=None, description="Thời gian tiếp nhận hồ sơ."
    )


class ScoreSource(Record):
    """Nguồn công bố của một điểm số: giữ nguyên giá trị đã công bố."""

    van_ban: Text = Field(
        title="Văn bản công bố", description="Số, ký hiệu hoặc tên văn bản công bố kết quả."
    )
    ngay: IsoDate | None = Field(
        title="Ngày công bố", default=None, description="Ngày công bố, dạng YYYY-MM-DD."
    )
    lien_ket: Url | None = Field(
        title="Liên kết", default=None, description="Liên kết tới văn bản công bố."
    )


class ScoreEntry(Record):
    """Kết quả của đơn vị trên một chỉ số trong một năm."""

    nam: Year = Field(title="Năm", description="Năm đánh giá.")
    tong_diem: float | None = Field(
        title="Tổng điểm",
        default=None,
        ge=0,
        description="Tổng điểm (hoặc giá trị chỉ số) đã công bố.",
    )
    thanh_phan: dict[str, float] = Field(
        title="Điểm thành phần",
        default_factory=dict,
        description="Điểm từng lĩnh vực thành phần, theo mã thành phần trong định nghĩa chỉ số.",
    )
    xep_hang: int | None = Field(
        title="Thứ hạng", default=None, ge=1, description="Thứ hạng chính thức đã công bố, nếu có."
    )
    so_don_vi_xep_hang: int | None = Field(
        title="Số đơn vị xếp hạng",
        default=None,
        ge=1,
        description="Tổng số đơn vị được xếp hạng trong bảng chính thức.",
    )
    khong_cham_diem: bool = Field(
        title="Không đánh giá",
        default=False,
        description="true nếu năm đó đơn vị không được đánh giá (N/A).",
    )
    ly_do: Text | None = Field(
        title="Lý do", default=None, description="Lý do không đánh giá, nếu có."
    )
    nguon: ScoreSource | None = Field(
        title="Nguồn công bố", default=None, description="Nguồn công bố (bắt buộc khi có điểm)."
    )


class Unit(Record):
    """Hồ sơ một đơn vị (tỉnh, sở, xã…), một tệp YAML trong `units/`."""

    ma_don_vi: Slug = Field(
        title="Mã đơn vị", description="Mã đơn vị dùng trong địa chỉ trang, ví dụ so-tu-phap."
    )
    ten_don_vi: Text = Field(title="Tên đơn vị", description="Tên đầy đủ của đơn vị.")
    ten_viet_tat: Text | None = Field(
        title="Tên viết tắt", default=None, description="Tên ngắn, nếu có."
    )
    loai_don_vi: Annotated[Text, FromCatalogue("loai_don_vi")] = Field(
        title="Loại đơn vị",
        description="Loại đơn vị (nhóm xếp hạng), lấy từ danh mục loại đơn vị trong mkdocs.yml.",
    )
    cap: Annotated[Text | None, FromCatalogue("cap_thuc_hien")] = Field(
        title="Cấp hành chính", default=None, description="Cấp hành chính, lấy từ danh mục cấp."
    )
    don_vi_cap_tren: Slug | None = Field(
        title="Đơn vị cấp trên", default=None, description="Mã đơn vị cấp trên."
    )
    hieu_luc_tu: IsoDate | None = Field(
        title="Ngày bắt đầu hoạt động", default=None, description="Ngày bắt đầu hoạt động."
    )
    hieu_luc_den: IsoDate | None = Field(
        title="Ngày thôi hoạt động",
        default=None,
        description="Ngày thôi hoạt động (sáp nhập, giải thể).",
    )
    sap_nhap_vao: Slug | None = Field(
        title="Sáp nhập vào", default=None, description="Mã đơn vị mà đơn vị này được sáp nhập vào."
    )
    gioi_thieu: Markdown | None = Field(
        title="Giới thiệu", default=None, description="Giới thiệu ngắn (Markdown)."
    )
    lien_he: Contact | None = Field(
        title="Liên hệ", default=None, description="Thông tin liên hệ."
    )
    phan_anh_kien_nghi: Feedback | None = Field(
        title="Nơi tiếp nhận phản ánh, kiến nghị",
        default=None,
        description="Nơi tiếp nhận phản ánh, kiến nghị riêng của đơn vị (thay cho mặc định).",
    )
    diem_so: dict[Slug, list[ScoreEntry]] = Field(
        title="Điểm số",
        default_factory=dict,
        description="Điểm theo từng chỉ số: khóa là mã chỉ số (ví dụ par-index), giá trị là "
        "danh sách kết quả theo năm.",
    )
