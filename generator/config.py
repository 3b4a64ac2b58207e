"""Project configuration: catalogues (sectors, levels, unit kinds) and site-wide defaults.

It lives in `mkdocs.yml` under `plugins: - congkhai:` so the site has one configuration file,
but it is read here without importing MkDocs, so `congkhai check` works on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .schema import Feedback, Text
from .slugs import slugify


class ProjectConfig(BaseModel):
    """Cấu hình của plugin congkhai trong mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    co_quan_chu_quan: Text = Field(
        default="Cơ quan công bố", description="Tên cơ quan chủ quản của trang."
    )
    procedures_dir: str = Field(default="procedures", description="Thư mục hồ sơ thủ tục.")
    units_dir: str = Field(default="units", description="Thư mục hồ sơ đơn vị.")
    indexes_dir: str = Field(default="indexes", description="Thư mục định nghĩa chỉ số.")
    linh_vuc: list[Text] = Field(default_factory=list, description="Danh mục lĩnh vực.")
    cap_thuc_hien: list[Text] = Field(
        default_factory=lambda: ["Cấp bộ", "Cấp tỉnh", "Cấp xã", "Cơ quan khác"],
        description="Danh mục cấp thực hiện.",
    )
    loai_don_vi: list[Text] = Field(default_factory=list, description="Danh mục loại đơn vị.")
    phan_anh_kien_nghi: Optional[Feedback] = Field(
        default=None, description="Nơi tiếp nhận phản ánh, kiến nghị mặc định cho toàn trang."
    )
    dia_chi_dvc: Optional[str] = Field(
        default=None, description="Địa chỉ Cổng dịch vụ công dùng khi thủ tục không ghi riêng."
    )
    site_url: Optional[str] = Field(
        default=None,
        description="Địa chỉ công khai của trang (lấy từ `site_url` của mkdocs.yml, không ghi "
        "dưới plugin): dùng cho địa chỉ tuyệt đối trong luồng thay đổi, bản nhúng và dữ liệu mở.",
    )

    @field_validator("site_url")
    @classmethod
    def _ends_with_slash(cls, value: Optional[str]) -> Optional[str]:
        # MkDocs normalises site_url the same way; "" (not set) means unknown.
        if not value:
            return None
        return value if value.endswith("/") else value + "/"

    def sector_slug(self, name: str) -> str:
        return slugify(name)


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may carry `!!python/name:` and `!ENV` tags meant for MkDocs; ignore them."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_LenientLoader.add_multi_constructor("!", _ignore_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_plugin_config(mkdocs_yml: Path) -> dict[str, Any]:
    """Return the raw `congkhai` plugin options from mkdocs.yml ({} when absent)."""
    if not mkdocs_yml.is_file():
        return {}
    data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "congkhai" in entry:
            return dict(entry["congkhai"] or {})
    return {}


def read_site_url(mkdocs_yml: Path) -> str | None:
    """The top-level `site_url` of mkdocs.yml (None when absent), as MkDocs would pass it."""
    if not mkdocs_yml.is_file():
        return None
    data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    value = data.get("site_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def load_config(mkdocs_yml: Path) -> ProjectConfig:
    """The project configuration as the MkDocs plugin builds it: plugin options + site_url."""
    options = read_plugin_config(mkdocs_yml)
    options["site_url"] = read_site_url(mkdocs_yml)
    return ProjectConfig(**options)
