"""Project configuration: catalogues (sectors, levels, unit kinds) and site-wide defaults.

It lives in `mkdocs.yml` under `plugins: - congkhai:` so the site has one configuration file,
but it is read here without importing MkDocs, so `congkhai check` works on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field

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


def load_config(mkdocs_yml: Path) -> ProjectConfig:
    return ProjectConfig(**read_plugin_config(mkdocs_yml))
