"""Index definitions (`indexes/`): scale, framework versions, components and bands."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from ..shapes import (
    FromCatalogue,
    Markdown,
    Slug,
    Text,
    Year,
    editor_error,
)
from ..vocab import BandBasis, BandRule
from .base import Record

# --- Index definitions ----------------------------------------------------------------------


class Component(Record):
    """Một lĩnh vực (chỉ số) thành phần và điểm tối đa của nó."""

    ma: Slug = Field(
        title="Mã thành phần", description="Mã thành phần dùng trong hồ sơ điểm của đơn vị."
    )
    ten: Text = Field(title="Tên thành phần", description="Tên thành phần.")
    diem_toi_da: float | None = Field(
        title="Điểm tối đa",
        default=None,
        gt=0,
        description="Điểm tối đa; để trống nếu chưa được công bố.",
    )


class FrameworkVersion(Record):
    """Một phiên bản bộ tiêu chí, áp dụng cho một khoảng năm."""

    ma: Slug = Field(title="Mã phiên bản", description="Mã phiên bản.")
    ten: Text = Field(
        title="Tên phiên bản", description="Tên phiên bản, ví dụ “Bộ chỉ số theo QĐ 876/QĐ-BNV”."
    )
    van_ban: Text | None = Field(
        title="Văn bản ban hành", default=None, description="Văn bản ban hành bộ tiêu chí."
    )
    tu_nam: Year = Field(title="Từ năm", description="Năm đầu tiên áp dụng.")
    den_nam: Year | None = Field(
        title="Đến năm", default=None, description="Năm cuối cùng áp dụng (trống: nay)."
    )
    ap_dung_cho: Annotated[list[Text], FromCatalogue("loai_don_vi")] = Field(
        title="Áp dụng cho",
        default_factory=list,
        description="Các loại đơn vị áp dụng; để trống nếu áp dụng cho mọi loại.",
    )
    tong_diem_toi_da: float = Field(
        title="Tổng điểm tối đa", gt=0, description="Tổng điểm tối đa của phiên bản."
    )
    thanh_phan: list[Component] = Field(
        title="Thành phần", default_factory=list, description="Các thành phần."
    )

    def covers(self, year: int, unit_kind: str) -> bool:
        """Whether this applies to units of `unit_kind` in `year`."""
        in_years = self.tu_nam <= year <= (self.den_nam or 9999)
        return in_years and (not self.ap_dung_cho or unit_kind in self.ap_dung_cho)

    @property
    def component_codes(self) -> list[str]:
        return [c.ma for c in self.thanh_phan]


class Band(Record):
    """Một mức xếp loại và ngưỡng dưới của nó."""

    ten: Text = Field(title="Tên mức", description="Tên mức, ví dụ “Nhóm A”, “Xuất sắc”.")
    nguong: float = Field(
        title="Ngưỡng", ge=0, description="Ngưỡng dưới của mức (theo đơn vị của bảng)."
    )


class BandSet(Record):
    """Bảng xếp loại của một cơ quan cho một số loại đơn vị và năm."""

    co_quan_ban_hanh: Text = Field(
        title="Cơ quan ban hành", description="Cơ quan ban hành cách xếp loại."
    )
    ap_dung_cho: Annotated[list[Text], FromCatalogue("loai_don_vi")] = Field(
        title="Áp dụng cho",
        default_factory=list,
        description="Các loại đơn vị áp dụng; trống: mọi loại.",
    )
    tu_nam: Year = Field(title="Từ năm", description="Năm đầu tiên áp dụng.")
    den_nam: Year | None = Field(
        title="Đến năm", default=None, description="Năm cuối cùng áp dụng (trống: nay)."
    )
    so_sanh: BandRule = Field(
        title="Quy tắc ngưỡng",
        default=">=",
        description="Quy tắc ngưỡng: “>=” (từ ngưỡng trở lên) hoặc “>” (trên ngưỡng).",
    )
    theo: BandBasis = Field(
        title="Ngưỡng tính theo",
        default="phan-tram",
        description="Ngưỡng tính theo phần trăm điểm tối đa (phan-tram) hay theo điểm (diem).",
    )
    muc: list[Band] = Field(
        title="Các mức", min_length=1, description="Các mức, từ cao xuống thấp."
    )
    duoi_nguong: Text | None = Field(
        title="Mức dưới ngưỡng",
        default=None,
        description="Tên mức cho điểm dưới ngưỡng thấp nhất, nếu có.",
    )

    def covers(self, year: int, unit_kind: str) -> bool:
        """Whether this applies to units of `unit_kind` in `year`."""
        in_years = self.tu_nam <= year <= (self.den_nam or 9999)
        return in_years and (not self.ap_dung_cho or unit_kind in self.ap_dung_cho)


class Scale(Record):
    """Thang đo của chỉ số."""

    toi_thieu: float = Field(title="Giá trị nhỏ nhất", default=0, description="Giá trị nhỏ nhất.")
    toi_da: float = Field(
        title="Giá trị lớn nhất", gt=0, description="Giá trị lớn nhất của thang đo."
    )
    don_vi: Text | None = Field(
        title="Đơn vị", default=None, description="Đơn vị hiển thị, ví dụ “điểm”."
    )
    so_chu_so_thap_phan: int = Field(
        title="Số chữ số thập phân", default=2, ge=0, le=6, description="Số chữ số thập phân."
    )

    @model_validator(mode="after")
    def _min_below_max(self) -> Scale:
        # An inverted scale has no axis to draw and no percentage to compute.
        if self.toi_thieu >= self.toi_da:
            raise editor_error(
                f"giá trị nhỏ nhất ({self.toi_thieu:g}) phải nhỏ hơn giá trị lớn nhất "
                f"({self.toi_da:g})", "kiểm tra toi_thieu và toi_da của thang đo")
        return self


class IndexDefinition(Record):
    """Định nghĩa một chỉ số đánh giá (PAR Index, ICT Index, …), một tệp YAML trong `indexes/`."""

    ma_chi_so: Slug = Field(
        title="Mã chỉ số", description="Mã chỉ số dùng trong địa chỉ trang, ví dụ par-index."
    )
    ten: Text = Field(title="Tên chỉ số", description="Tên đầy đủ của chỉ số.")
    ten_viet_tat: Text | None = Field(
        title="Tên viết tắt", default=None, description="Tên ngắn, ví dụ PAR Index."
    )
    co_quan_chu_tri: Text | None = Field(
        title="Cơ quan chủ trì",
        default=None,
        description="Cơ quan chủ trì đánh giá ở cấp quốc gia.",
    )
    mo_ta: Markdown | None = Field(
        title="Mô tả", default=None, description="Chỉ số đo điều gì (Markdown)."
    )
    thang_do: Scale = Field(title="Thang đo", description="Thang đo.")
    cao_hon_la_tot: bool = Field(
        title="Chiều so sánh điểm", default=True, description="true nếu điểm cao hơn là tốt hơn."
    )
    phien_ban: list[FrameworkVersion] = Field(
        title="Phiên bản bộ tiêu chí",
        min_length=1,
        description="Các phiên bản bộ tiêu chí theo năm.",
    )
    phan_loai: list[BandSet] = Field(
        title="Xếp loại",
        default_factory=list,
        description="Các bảng xếp loại theo cơ quan, loại đơn vị và năm.",
    )

    def version_for(self, year: int, unit_kind: str) -> FrameworkVersion | None:
        """The framework version that scored units of `unit_kind` in `year`, if any."""
        return next((v for v in self.phien_ban if v.covers(year, unit_kind)), None)

    def bandset_for(self, year: int, unit_kind: str) -> BandSet | None:
        """The classification bands for `unit_kind` in `year` (the first match wins)."""
        return next((b for b in self.phan_loai if b.covers(year, unit_kind)), None)
