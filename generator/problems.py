"""Located problems found in records, and how they are printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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
        where = f"{self.path}:{self.line}:{self.column}: "
        label = "" if self.severity == "error" else "cảnh báo: "
        body = f"{self.field}: {self.message}" if self.field else self.message
        hint = f" (gợi ý: {self.hint})" if self.hint else ""
        return f"{where}{label}{body}{hint}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown inline on the pull request."""
        body = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            body += f" (gợi ý: {self.hint})"
        # Workflow commands end at a newline; '%' must be escaped first.
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
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
