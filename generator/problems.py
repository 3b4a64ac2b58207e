"""Located problems found in records, and how they are printed."""

from __future__ import annotations

import errno
import unicodedata
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


#: Categories of characters a terminal shows as nothing or as something else: controls, format
#: characters (zero-width space, right-to-left override), lone surrogates, unusual spaces.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"}


def visible(text: str) -> str:
    """`text` with every invisible or look-alike character written as [U+XXXX].

    Two values that differ by a zero-width space or a no-break space print identically;
    the code point shows where they differ. A lone surrogate could not even be printed.
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        f"[U+{ord(ch):04X}]"
        if ch not in " \n\t" and unicodedata.category(ch) in _HIDDEN_CATEGORIES else ch
        for ch in text
    )


#: The operating system's reasons editors meet, in Vietnamese (the rest keep the system's words).
_OS_REASONS = {
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
    errno.ENOENT: "không tìm thấy",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.EISDIR: "là một thư mục",
    errno.ENOTDIR: "không phải thư mục",
    errno.ELOOP: "liên kết vòng",
    errno.EIO: "lỗi đọc đĩa",
}


def os_reason(error: OSError) -> str:
    """Why a file or folder could not be read, in Vietnamese where the reason is common."""
    return _OS_REASONS.get(error.errno or 0) or error.strerror or str(error)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one record: where it is, which field, what is wrong and how to fix it."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def format(self) -> str:
        """`path:line:column: field: message (hint)`, the form editors and editors' tools read."""
        where = f"{visible(self.path)}:{self.line}:{self.column}: "
        label = "" if self.severity == "error" else "cảnh báo: "
        return f"{where}{label}{self._body()}"

    def _body(self) -> str:
        body = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            body += f" (gợi ý: {self.hint})"
        return visible(body)

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown inline on the pull request."""
        body = self._body()
        # Workflow commands end at a newline; '%' must be escaped first.
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = visible(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{self.severity} file={path},line={self.line},col={self.column}::{body}"


class RecordsInvalid(Exception):
    """Raised by the build when records have errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(
            f"{len(errors)} lỗi trong hồ sơ:\n" + "\n".join(p.format() for p in problems)
        )


class BuildFailure(Exception):
    """The build failed on one record (a template or a derivation broke): the message names the
    record's file and code, so nobody has to read a traceback to find it."""
