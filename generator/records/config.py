"""The project configuration: one declaration of the plugin options and one reader of mkdocs.yml.

The options live in `mkdocs.yml` under `plugins: - congkhai:` so a site has one configuration
file. `PluginOptions` is their only declaration: the MkDocs plugin, `congkhai check`, `new`,
`diff` and `init` all read mkdocs.yml through `read_project_config`, so they cannot disagree
about a value (a phone number written as digits, `plugins:` written as a mapping, an option
that MkDocs would only warn about). Every problem is a located Vietnamese `Problem`.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..problems import Problem, os_reason
from .loader import (
    UNPRINTABLE,
    DepthLimited,
    LoadedDocument,
    Path_,
    TooDeep,
    build_document,
    syntax_problem,
)
from .schema import Feedback
from .shapes import Text, Url
from .slug_rules import catalogue_slug_problems
from .validate import translate_error
from .vocab import DEFAULT_LEVELS

#: The plugin's name in mkdocs.yml (and its entry point).
PLUGIN_NAME = "congkhai"
CONFIG_FILE = "mkdocs.yml"


class PluginOptions(BaseModel):
    """Tùy chọn của plugin congkhai trong mkdocs.yml (mục `plugins: - congkhai:`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    co_quan_chu_quan: Text = Field(
        default="Cơ quan công bố", title="Cơ quan chủ quản",
        description="Tên cơ quan chủ quản của trang.")
    procedures_dir: Text = Field(
        default="procedures", title="Thư mục hồ sơ thủ tục",
        description="Thư mục hồ sơ thủ tục, tính từ thư mục chứa mkdocs.yml.")
    units_dir: Text = Field(
        default="units", title="Thư mục hồ sơ đơn vị",
        description="Thư mục hồ sơ đơn vị, tính từ thư mục chứa mkdocs.yml.")
    indexes_dir: Text = Field(
        default="indexes", title="Thư mục định nghĩa chỉ số",
        description="Thư mục định nghĩa chỉ số, tính từ thư mục chứa mkdocs.yml.")
    linh_vuc: list[Text] = Field(
        default_factory=list, title="Danh mục lĩnh vực",
        description="Danh mục lĩnh vực (để trống: không kiểm tra).")
    cap_thuc_hien: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_LEVELS), title="Danh mục cấp thực hiện",
        description="Danh mục cấp thực hiện.")
    loai_don_vi: list[Text] = Field(
        default_factory=list, title="Danh mục loại đơn vị",
        description="Danh mục loại đơn vị (để trống: không kiểm tra).")
    phan_anh_kien_nghi: Feedback | None = Field(
        default=None, title="Nơi tiếp nhận phản ánh, kiến nghị",
        description="Nơi tiếp nhận phản ánh, kiến nghị mặc định cho toàn trang.")
    dia_chi_dvc: Url | None = Field(
        default=None, title="Cổng dịch vụ công",
        description="Địa chỉ Cổng dịch vụ công (http:// hoặc https://) dùng khi thủ tục không "
        "ghi địa chỉ nộp trực tuyến riêng.")
    tu_dong_nghia: Text = Field(
        default="tu-dong-nghia.yaml", title="Tệp từ người dân hay dùng",
        description="Tệp YAML các từ người dân hay gõ khi tìm thủ tục (ví dụ “bằng lái” → “giấy "
        "phép lái xe”), tính từ thư mục chứa mkdocs.yml; nếu chưa có tệp, dùng bộ từ đi kèm "
        "congkhai.")
    search: bool = Field(
        default=True, title="Tìm kiếm",
        description="true: lập chỉ mục tìm kiếm và hiện ô tìm kiếm; false: không.")
    enabled: bool = Field(
        default=True, title="Bật plugin",
        description="Tùy chọn chung của MkDocs: false tắt plugin (trang không có thủ tục).")

    @property
    def record_dirs(self) -> tuple[str, ...]:
        return (self.procedures_dir, self.units_dir, self.indexes_dir)


class ProjectConfig(PluginOptions):
    """The options plus what the core needs from the rest of mkdocs.yml."""

    site_url: str | None = Field(
        default=None, title="Địa chỉ công khai",
        description="Địa chỉ công khai của trang (`site_url` của mkdocs.yml, không ghi dưới "
        "plugin): dùng cho địa chỉ tuyệt đối trong luồng thay đổi, bản nhúng và dữ liệu mở.")

    @field_validator("site_url")
    @classmethod
    def _ends_with_slash(cls, value: str | None) -> str | None:
        # MkDocs normalises site_url the same way; "" (not set) means unknown.
        if not value:
            return None
        return value if value.endswith("/") else value + "/"

    def catalogue(self, option: str) -> list[str]:
        """The catalogue named by a `FromCatalogue` marker (empty: values are not checked).
        Sectors are the national list shipped with congkhai plus the project's own."""
        values: list[str] = getattr(self, option)
        if option == "linh_vuc":
            return values + [name for name in national_sectors() if name not in values]
        return values


@functools.cache
def national_sectors() -> tuple[str, ...]:
    """The national sector list shipped as package data (data/linh-vuc.yaml)."""
    text = resources.files(__package__).joinpath("data", "linh-vuc.yaml").read_text("utf-8")
    names: list[str] = yaml.safe_load(text)["linh_vuc"]
    return tuple(names)


@dataclass
class ConfigResult:
    """What reading mkdocs.yml gave: the configuration, or the problems that prevent it."""

    config: ProjectConfig | None
    problems: list[Problem] = field(default_factory=list)


def read_project_config(path: Path, *, site_url: str | None = None,
                        check_dirs: bool = True, missing_ok: bool = False) -> ConfigResult:
    """Read the congkhai options and `site_url` from mkdocs.yml at `path`.

    `site_url`, when given, replaces the file's (MkDocs' serve sets its own). With
    `check_dirs`, record folders that do not exist are errors: a misspelt folder would
    otherwise publish an empty site over the good one. With `missing_ok`, a project without
    mkdocs.yml gets the defaults.
    """
    display = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        if missing_ok:
            return _validated(LoadedDocument(display, {}), site_url)
        return ConfigResult(None, [Problem(display, 1, 1, "", "không tìm thấy tệp cấu hình",
                                           "chạy lệnh trong thư mục dự án, hoặc chỉ tệp bằng "
                                           "--config")])
    except (OSError, UnicodeDecodeError) as error:
        return ConfigResult(None, [Problem(display, 1, 1, "",
                                           f"không đọc được tệp cấu hình ({_reason(error)})")])
    try:
        node = yaml.compose(text, Loader=_ComposeLoader)
    except TooDeep as refused:
        return ConfigResult(None, [refused.problem(display)])
    except yaml.MarkedYAMLError as error:
        return ConfigResult(None, [syntax_problem(error, text, display)])
    except yaml.YAMLError:
        return ConfigResult(None, [Problem(display, 1, 1, "", "lỗi cú pháp YAML")])
    built: list[Problem] = []
    doc = build_document(node, text, display, problems=built, tags=_resolve_tag)
    # Control characters and lone surrogates would break every page; a value cut by " #" is
    # MkDocs' business in the rest of the file.
    errors = [p for p in built if p.message.startswith(UNPRINTABLE)]
    if errors:
        return ConfigResult(None, errors)
    return _from_document(doc, path.parent, site_url, check_dirs)


def config_from_options(options: dict[str, Any], site_url: str | None,
                        where: str = CONFIG_FILE) -> ConfigResult:
    """Validate options already parsed by someone else (a configuration given as a dict)."""
    doc = LoadedDocument(where, options)
    return _validated(doc, site_url)


class _ComposeLoader(DepthLimited, yaml.SafeLoader):
    """Composition only (no constructors run): `!ENV` and `!!python/name:` tags stay tags."""


def _resolve_tag(tag: str, value: Any) -> Any:
    """MkDocs' `!ENV` tag (pyyaml_env_tag): the first variable set, else the last item."""
    if tag != "!ENV":
        return None  # `!!python/name:` and other tags are meant for MkDocs, not for us
    names = value if isinstance(value, list) else [value]
    for name in names[:-1] if len(names) > 1 else names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"không phải UTF-8, byte 0x{error.object[error.start]:02x} không hợp lệ"
    return os_reason(error) if isinstance(error, OSError) else str(error)


def _from_document(doc: LoadedDocument, root: Path, site_url: str | None,
                   check_dirs: bool) -> ConfigResult:
    data = doc.data
    if not isinstance(data, dict):
        return ConfigResult(None, [Problem(doc.path, 1, 1, "",
                                           "mkdocs.yml phải là một bảng khóa: giá trị")])
    entry, problems = _plugin_entry(doc)
    if problems:
        return ConfigResult(None, problems)
    if site_url is None and isinstance(data.get("site_url"), str):
        site_url = data["site_url"]
    options_doc = _sub_document(doc, entry)
    result = _validated(options_doc, site_url)
    if result.config is not None and check_dirs:
        result.problems += _missing_dirs(options_doc, result.config, root)
        if result.problems:
            result.config = None
    return result


def _plugin_entry(doc: LoadedDocument) -> tuple[Path_ | None, list[Problem]]:
    """Where the congkhai options sit: `plugins:` may be a list (`- congkhai: …`, or the bare
    name) or a mapping (`congkhai: …`), as MkDocs accepts both. None: no options written."""
    plugins = doc.data.get("plugins")
    if plugins is None:
        return None, []
    where: Path_ | None = None
    if isinstance(plugins, dict):
        if PLUGIN_NAME in plugins:
            where = ("plugins", PLUGIN_NAME)
    elif isinstance(plugins, list):
        for i, item in enumerate(plugins):
            if isinstance(item, dict) and PLUGIN_NAME in item:
                where = ("plugins", i, PLUGIN_NAME)
    else:
        line, col = doc.locate(("plugins",))
        return None, [Problem(doc.path, line, col, "plugins",
                              "phải là danh sách plugin hoặc bảng khóa: giá trị",
                              "ví dụ `plugins:` rồi dòng `  - congkhai:` bên dưới")]
    if where is None:
        return None, []
    options = _value_at(doc.data, where)
    if options is not None and not isinstance(options, dict):
        line, col = doc.locate(where)
        return None, [Problem(doc.path, line, col, PLUGIN_NAME,
                              "tùy chọn của plugin phải là một bảng khóa: giá trị",
                              "xuống dòng và ghi các tùy chọn, thụt lề sâu hơn `congkhai:`")]
    return where, []


def _value_at(data: Any, loc: Path_) -> Any:
    for part in loc:
        data = data[part]
    return data


def _sub_document(doc: LoadedDocument, where: Path_ | None) -> LoadedDocument:
    """The plugin's options as a document of their own, keeping their lines and columns."""
    if where is None:
        return LoadedDocument(doc.path, {}, {(): doc.locate(("plugins",))})
    n = len(where)
    sub = LoadedDocument(doc.path, _value_at(doc.data, where) or {})
    sub.positions = {k[n:]: v for k, v in doc.positions.items() if k[:n] == where}
    sub.key_positions = {k[n:]: v for k, v in doc.key_positions.items() if k[:n] == where}
    sub.positions.setdefault((), doc.locate(where))
    return sub


def _validated(doc: LoadedDocument, site_url: str | None) -> ConfigResult:
    options = doc.data if isinstance(doc.data, dict) else {}
    if "site_url" in options:
        line, col = doc.locate(("site_url",))
        return ConfigResult(None, [Problem(doc.path, line, col, "site_url",
                                           "trường không có trong lược đồ",
                                           "ghi `site_url` ở đầu mkdocs.yml, không ghi dưới "
                                           "plugin congkhai")])
    try:
        config = ProjectConfig.model_validate({**options, "site_url": site_url})
    except ValidationError as error:
        return ConfigResult(None, sorted({translate_error(doc, ProjectConfig, item)
                                          for item in error.errors()}))
    problems = []
    for option in ("linh_vuc", "cap_thuc_hien", "loai_don_vi"):
        for i, message, hint in catalogue_slug_problems(option, config.catalogue(option)):
            line, col = doc.locate((option, i))
            problems.append(Problem(doc.path, line, col, f"{option}[{i}]", message, hint))
    if problems:
        return ConfigResult(None, problems)
    return ConfigResult(config)


def _missing_dirs(doc: LoadedDocument, config: ProjectConfig, root: Path) -> list[Problem]:
    problems = []
    for option, default in (("procedures_dir", "procedures"), ("units_dir", "units"),
                            ("indexes_dir", "indexes")):
        folder = getattr(config, option)
        written = option in doc.data
        if _is_dir(root / folder) or (not written and folder == default):
            continue
        line, col = doc.locate((option,))
        problems.append(Problem(doc.path, line, col, option,
                                f"không có thư mục «{folder}»",
                                "sửa tên thư mục (tính từ thư mục chứa mkdocs.yml), hoặc tạo "
                                "thư mục đó"))
    return problems


def _is_dir(path: Path) -> bool:
    """`path.is_dir()`, False also for a name the system refuses (too long, say)."""
    try:
        return path.is_dir()
    except OSError:
        return False


class ConfigInvalid(Exception):
    """mkdocs.yml could not be read; carries the located problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


def load_config(path: Path, **options: Any) -> ProjectConfig:
    """`read_project_config`, raising `ConfigInvalid` instead of returning problems."""
    read = read_project_config(path, **options)
    if read.config is None:
        raise ConfigInvalid(read.problems)
    return read.config
