"""Citizens' words: read, check and compile the project's `tu-dong-nghia.yaml`.

The file is edited by people, so every problem is reported with its file, line and column
(``check_synonyms``), and ``load_synonyms`` refuses a file with errors. The YAML is read with
``yaml.compose`` (node positions, duplicate keys, the type of each scalar) rather than
``safe_load``, which silently keeps the last of two equal keys and turns ``no`` into ``False``.

Compiled form (written into the index manifest, applied by the client to a query):

* ``rules``: (words, means) pairs of folded token tuples. A query containing ``words`` is also
  searched with them replaced by ``means``; the query as typed is always searched too.
* ``ignore``: folded phrases dropped from the start or end of a query ("thủ tục", "như thế nào").
* ``stopwords``: function words ("của", "và", "đối với") left out of names and queries, so that
  "hải quan đối với hàng hóa" reads as the phrase "hải quan hàng hóa". Kept accented (as
  ``accent_key`` tuples): "của" is a stop word, "cửa" (cửa khẩu) is not.
* ``variant_words``: words that make a procedure a variant of a base one ("lại", "gia hạn",
  "thu hồi"…); a name with such a word the query does not ask for ranks after equal names
  without it. Accented too: "lại" (again) is one, "lãi" (interest) and "lái" (drive) are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem, Severity
from .normalize import accent_key, accented_tokens, fold_token, tokens

#: Longest phrase, in syllables, on either side of a rule.
MAX_PHRASE = 10
#: Variant words are carried as a bit mask per document.
MAX_VARIANT_WORDS = 30
_STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Synonyms:
    """The compiled synonyms: ordered, deduplicated, folded."""

    rules: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    ignore: tuple[tuple[str, ...], ...] = ()
    stopwords: tuple[tuple[str, ...], ...] = ()
    variant_words: tuple[tuple[str, ...], ...] = ()

    def to_json(self) -> dict[str, list[Any]]:
        return {
            "rules": [[" ".join(a), " ".join(b)] for a, b in self.rules],
            "ignore": [" ".join(p) for p in self.ignore],
            "stop": [" ".join(p) for p in self.stopwords],
            "variants": [" ".join(p) for p in self.variant_words],
        }


class SynonymsError(ValueError):
    """The synonyms file has errors; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


def load_synonyms(path: Path) -> Synonyms:
    """Read and compile ``path``; raise SynonymsError if it has errors (warnings pass)."""
    synonyms, problems = _read(Path(path))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SynonymsError(errors)
    return synonyms


def check_synonyms(path: Path) -> list[Problem]:
    """Every problem of the file, errors and warnings, in file order."""
    return _read(Path(path))[1]


# --- Reading --------------------------------------------------------------------------------


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        #: Stop phrases (accent keys), left out of rule and ignore phrases as out of queries.
        self.stop: list[tuple[str, ...]] = []

    def problem(
        self, node: yaml.Node, message: str, severity: Severity = "error", hint: str | None = None
    ) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, "", message, hint, severity)
        )

    def mapping(self, node: yaml.Node, what: str, allowed: set[str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} phải là một bảng khóa: giá trị")
            return {}
        result: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is None or name not in allowed:
                self.problem(
                    key,
                    f"khóa «{name}» không dùng được trong {what}; các khóa dùng được: "
                    + ", ".join(sorted(allowed)),
                )
            elif name in result:
                self.problem(key, f"khóa «{name}» bị lặp lại: giá trị trước sẽ mất")
            else:
                result[name] = value
        return result

    def folded(self, text: str) -> tuple[str, ...]:
        """Folded tokens of a phrase without its stop words, as a query is read."""
        acc = accented_tokens(text)
        keys = [accent_key(t) for t in acc]
        out, i = [], 0
        while i < len(acc):
            stop = next((p for p in self.stop if tuple(keys[i : i + len(p)]) == p), None)
            if stop:
                i += len(stop)
            else:
                out.append(fold_token(acc[i]))
                i += 1
        return tuple(out)

    def phrases(
        self, node: yaml.Node, what: str, keep_stops: bool = False
    ) -> list[tuple[tuple[str, ...], yaml.Node]]:
        """A phrase or a list of phrases, each folded to tokens (stop words left out)."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if isinstance(node, yaml.SequenceNode) and not items:
            self.problem(node, f"{what}: danh sách trống")
        result: list[tuple[tuple[str, ...], yaml.Node]] = []
        for item in items:
            if not isinstance(item, yaml.ScalarNode):
                self.problem(item, f"{what}: mỗi mục phải là một cụm từ (văn bản)")
            elif item.tag != _STR:
                self.problem(
                    item,
                    f"{what}: «{item.value}» bị đọc thành số hoặc có/không, "
                    f"không phải văn bản: đặt trong dấu ngoặc kép",
                )
            elif not tokens(item.value):
                self.problem(item, f"{what}: «{item.value}» không có chữ hoặc số")
            elif len(tokens(item.value)) > MAX_PHRASE:
                self.problem(item, f"{what}: «{item.value}» dài hơn {MAX_PHRASE} âm tiết")
            elif not keep_stops and not self.folded(item.value):
                self.problem(item, f"{what}: «{item.value}» chỉ gồm hư từ (stopwords)")
            else:
                result.append(
                    (tuple(tokens(item.value)) if keep_stops else self.folded(item.value), item)
                )
        return result


#: The starting set shipped with congkhai (used when a project has no file of its own).
DEFAULT_SYNONYMS = Path(__file__).resolve().parent / "tu-dong-nghia.yaml"


def read_synonyms_file(path: Path, shown: str) -> tuple[Synonyms, list[Problem]]:
    """Read and compile `path`, naming it `shown` in problems."""
    return _read(path, shown)


def _read(path: Path, shown: str | None = None) -> tuple[Synonyms, list[Problem]]:
    reader = _Reader(shown or str(path))
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Synonyms(), [
            Problem(
                reader.file,
                line,
                column,
                "",
                "lỗi cú pháp YAML",
                "kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép",
            )
        ]
    except (OSError, UnicodeDecodeError):
        return Synonyms(), [
            Problem(reader.file, 1, 1, "", "không đọc được tệp", "lưu tệp với bảng mã UTF-8")
        ]
    if root is None:
        return Synonyms(), [Problem(reader.file, 1, 1, "", "tệp trống")]
    top = reader.mapping(root, "tệp", {"synonyms", "ignore", "stopwords", "variant_words"})
    stop = _accented(reader, top.get("stopwords"), "stopwords")
    reader.stop = stop
    rules = _rules(reader, top.get("synonyms"))
    ignore = [p for p, _ in reader.phrases(top["ignore"], "ignore")] if "ignore" in top else []
    variants = _accented(reader, top.get("variant_words"), "variant_words")
    if len(variants) > MAX_VARIANT_WORDS:
        reader.problem(top["variant_words"], f"variant_words: tối đa {MAX_VARIANT_WORDS} mục")
        variants = variants[:MAX_VARIANT_WORDS]
    synonyms = Synonyms(
        rules=tuple(dict.fromkeys(rules)),
        ignore=tuple(dict.fromkeys(ignore)),
        stopwords=tuple(dict.fromkeys(stop)),
        variant_words=tuple(dict.fromkeys(variants)),
    )
    return synonyms, sorted(reader.problems, key=lambda p: (p.line, p.column))


def _accented(reader: _Reader, node: yaml.Node | None, what: str) -> list[tuple[str, ...]]:
    """Phrases compared with their accents (tone placement aside)."""
    if node is None:
        return []
    return [
        tuple(accent_key(t) for t in accented_tokens(item.value))
        for _, item in reader.phrases(node, what, keep_stops=True)
    ]


def _rules(
    reader: _Reader, node: yaml.Node | None
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        reader.problem(node, "synonyms phải là danh sách các mục (- words: … means: …)")
        return []
    rules: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    seen: dict[tuple[str, ...], int] = {}
    for entry in node.value:
        fields = reader.mapping(entry, "một mục của synonyms", {"words", "means", "same"})
        if "same" in fields and ("words" in fields or "means" in fields):
            reader.problem(entry, "một mục chỉ có hoặc `same`, hoặc `words` và `means`")
            continue
        if "same" in fields:
            group = reader.phrases(fields["same"], "same")
            if len(group) < 2:
                reader.problem(fields["same"], "same: cần ít nhất hai cụm từ dùng thay nhau")
            pairs = [(a, b) for a in group for b in group if a[0] != b[0]]
        elif "words" in fields and "means" in fields:
            words = reader.phrases(fields["words"], "words")
            means = reader.phrases(fields["means"], "means")
            pairs = [(a, b) for a in words for b in means]
        else:
            reader.problem(entry, "mục cần có `words` và `means` (hoặc `same`)")
            continue
        for (source, source_node), (target, _) in pairs:
            if source == target:
                reader.problem(source_node, f"«{' '.join(source)}» có nghĩa là chính nó", "warning")
                continue
            if source in seen and seen[source] != entry.start_mark.line:
                reader.problem(
                    source_node,
                    f"«{' '.join(source)}» cũng có ở dòng "
                    f"{seen[source] + 1}: cả hai quy tắc đều áp dụng",
                    "warning",
                )
            seen.setdefault(source, entry.start_mark.line)
            rules.append((source, target))
    return rules
