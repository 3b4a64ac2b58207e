"""What the index builder takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SearchDoc:
    """One procedure page as the search sees it.

    ``url`` is relative to the site root (``thu-tuc/1.001193/``). Text fields are plain text
    (no HTML); any Unicode normalisation is fine, the builder applies NFC.
    """

    url: str
    code: str
    name: str
    description: str | None = None
    #: Words people search by for this record: the national field "Từ khóa", editors' tags.
    keywords: tuple[str, ...] = ()
    sector: str | None = None
    levels: tuple[str, ...] = ()
    #: Name of the handling unit (cơ quan thực hiện).
    unit: str | None = None
    #: Online service level, e.g. "toàn trình", "một phần"; None when not online.
    online: str | None = None
    #: Names of the outcomes (kết quả), e.g. "Giấy khai sinh".
    outcomes: tuple[str, ...] = ()
    #: Names of the dossier documents (thành phần hồ sơ).
    documents: tuple[str, ...] = ()
    #: Who may apply (đối tượng thực hiện).
    audience: str = ""
    conditions: str = ""
    steps: str = ""


@dataclass(frozen=True)
class IndexOptions:
    """Build choices; the defaults are the measured configuration (REPORT.md)."""

    #: Body fields indexed as syllable pairs (bigrams). Steps are long legal text: see REPORT.
    body_fields: tuple[str, ...] = (
        "description",
        "outcomes",
        "documents",
        "audience",
        "conditions",
    )
    #: Documents per metadata shard (``d/<n>.json``). A query's first page and the candidates
    #: it re-ranks need every shard they sit in, in one round; over HTTP/1.1 a browser asks six
    #: files at a time, and at 128 the top 15 of a few queries spread over 7–9 shards (a second
    #: round, ~0.6 s on slow 4G). At 256 none needs more than six, for ~3 KB more per query.
    shard_size: int = 256
    #: Target number of (bigram, doc) postings per body bucket (``b/<n>.json``).
    body_bucket_postings: int = 1500
    #: URL pattern of a procedure page; docs whose URL differs carry their own.
    url_pattern: str = "thu-tuc/{code}/"


@dataclass(frozen=True)
class IndexReport:
    """What one build wrote."""

    out_dir: Path
    docs: int
    name_terms: int
    body_buckets: int
    shards: int
    files: int
    bytes: int
    gzip_bytes: int
    seconds: float
    #: Sizes in bytes (raw, gzip) per top-level folder ("t", "b", "d", "f", "c", "manifest.json").
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{self.docs} docs, {self.name_terms} name terms, {self.body_buckets} body buckets, "
            f"{self.files} files, {self.bytes / 1e6:.1f} MB ({self.gzip_bytes / 1e6:.1f} MB gzip) "
            f"in {self.seconds:.1f} s"
        )
