"""Derive, procedures: the facts a citizen needs first, computed once per procedure.

Lists, procedure pages, JSON-LD and open data all read a `ProcedureSummary`, so a time limit
or a fee is worded the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records.readings import (
    CONDITIONAL,
    ENUM_LABEL,
    FORM_NAME,
    UNKNOWN,
    channel_time,
    classify_dossier_row,
    clean,
    enumeration_order,
    parse_fee,
    same_key,
    short_document_name,
)
from ..records.schema import (
    Feedback,
    Procedure,
    PublicationDecision,
    SubmissionChannel,
    TimeLimit,
    Unit,
)
from ..records.vocab import (
    ABOLITION,
    CHANNELS,
    CURRENT,
    FULLY_ONLINE,
    IN_PERSON,
    NO_INFO,
    NO_INFO_YET,
    ONLINE,
    SOURCE_GAP_WORDS,
)
from .catalogue import Catalogue

CHANNEL_ORDER = CHANNELS


def format_number(value: float) -> str:
    """5.0 → “5”; 1.5 → “1,5” (Vietnamese decimal comma)."""
    if value == int(value):
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def time_limit_text(limit: TimeLimit) -> str:
    return f"{format_number(limit.so)} {limit.don_vi}"


def iso_duration(limit: TimeLimit) -> str:
    """ISO 8601 duration. Working days have no ISO unit: they are exported as days."""
    n = format_number(limit.so).replace(",", ".")
    return {"giờ": f"PT{n}H", "tháng": f"P{n}M", "năm": f"P{n}Y"}.get(limit.don_vi, f"P{n}D")


def channel_time_text(c: SubmissionChannel) -> str:
    """A channel's time limit as a citizen reads it: never a bare number ("1 (nguồn không ghi
    đơn vị)"), "Chưa có thông tin" when the source gives none or "0"."""
    return channel_time(c.thoi_han.so if c.thoi_han else None,
                        c.thoi_han.don_vi if c.thoi_han else None, c.thoi_han_mo_ta).text()


def channel_fee_text(c: SubmissionChannel, imported: bool) -> str:
    """A channel's fee: free, paid, set by regulation or unknown, never "Miễn phí" beside an
    amount. A hand-written empty fee is the editor's "Không"; an imported one is unknown."""
    if not c.phi_le_phi:
        return UNKNOWN if imported else "Không"
    return parse_fee(c.phi_le_phi).text()


def say_once(values: Sequence[tuple[str, str]], unknown: str = UNKNOWN) -> str:
    """Summarise (channel, text) pairs without repeating a value: one value for every channel is
    said once; several rows of one channel read "A hoặc B (tùy trường hợp)"; otherwise channels
    with equal values are grouped ("Trực tiếp, Dịch vụ bưu chính: A; Trực tuyến: B"). Texts
    that differ only in case, spacing, bullets or final punctuation are equal."""
    per_channel: dict[str, list[str]] = {}
    keys: dict[str, list[str]] = {}
    for channel, text in values:
        text = text or unknown
        seen = keys.setdefault(channel, [])
        if same_key(text) not in seen:
            seen.append(same_key(text))
            per_channel.setdefault(channel, []).append(text)
    if not per_channel:
        return unknown

    def joined(texts: list[str]) -> str:
        return texts[0] if len(texts) == 1 else " hoặc ".join(texts) + " (tùy trường hợp)"

    groups: dict[tuple[str, ...], list[str]] = {}
    firsts: dict[tuple[str, ...], list[str]] = {}
    for channel in sorted(per_channel, key=lambda c: CHANNELS.index(c) if c in CHANNELS else 99):
        signature = tuple(keys[channel])
        groups.setdefault(signature, []).append(channel)
        firsts.setdefault(signature, per_channel[channel])
    if len(groups) == 1:
        return joined(next(iter(firsts.values())))
    return "; ".join(f"{', '.join(chs)}: {joined(firsts[sig])}" for sig, chs in groups.items())


@dataclass(frozen=True)
class KeyDocument:
    """A document for the summary's short list."""

    name: str  # source words, cut and marked with "…" when long
    full_name: str
    is_form: bool  # has a form file, or is itself a form (tờ khai, đơn, mẫu…)
    conditional: bool  # "Trường hợp …", "(nếu có)": not everyone brings it


def key_documents(p: Procedure, limit: int = 5) -> tuple[list[KeyDocument], int]:
    """Up to `limit` documents to bring, forms first, then those everyone brings, then
    conditional ones (source order within each, or the rows' own a), b), c) order), and how
    many documents there are in all. Notes, headings and "Số lượng hồ sơ" are never listed."""
    found: list[KeyDocument] = []
    seen: set[str] = set()
    total = 0
    for group in p.thanh_phan_ho_so:
        docs = list(group.giay_to)
        order = enumeration_order([d.ten for d in docs])
        if order:
            docs = [docs[i] for i in order]
        for doc in docs:
            if classify_dossier_row(doc.ten, doc.ban_chinh, doc.ban_sao, group.nhom) \
                    != "document":
                continue
            total += 1
            label = short_document_name(doc.ten)
            bare = ENUM_LABEL.sub("", clean(doc.ten), count=1).lstrip("-+*• ")
            if same_key(label) in seen:
                continue
            seen.add(same_key(label))
            found.append(KeyDocument(label, clean(doc.ten),
                                     bool(doc.mau_don) or bool(FORM_NAME.match(bare)),
                                     bool(CONDITIONAL.search(bare[:120]))))
    found.sort(key=lambda d: (not d.is_form, d.conditional))  # stable: source order kept
    return found[:limit], total


def online_text(has_online: bool, level: str | None) -> str:
    """Online level and channels never contradict: the channel list is the fact."""
    if not has_online:
        return "Không có hình thức nộp hồ sơ trực tuyến"
    if level == FULLY_ONLINE:
        return "Toàn trình: nộp hồ sơ và nhận kết quả trực tuyến"
    if level:
        return "Một phần: nộp hồ sơ trực tuyến, nhận kết quả tại cơ quan"
    return "Có nộp hồ sơ trực tuyến; mức độ (toàn trình hay một phần) chưa được công bố"


def whom_to_ask(unit: Unit, feedback: Feedback | None) -> str | None:
    """Who can tell a citizen what the national database does not: the handling unit (with its
    phone or address when its record has them), else the site's feedback body."""
    contact = unit.lien_he
    detail = (contact.dien_thoai or contact.dia_chi) if contact else None
    if unit.ten_don_vi:
        return unit.ten_don_vi + (f", {detail}" if detail else "")
    if feedback:
        return feedback.co_quan + (f", {feedback.dien_thoai}" if feedback.dien_thoai else "")
    return None


def gap_sentence(name: str, ask: str | None) -> str:
    """What the page says in place of an element the national database does not have yet."""
    sentence = (f"Cơ sở dữ liệu quốc gia về thủ tục hành chính chưa có thông tin về "
                f"{SOURCE_GAP_WORDS.get(name, name)} của thủ tục này.")
    return sentence + (f" Để biết thêm, xin hỏi {ask.rstrip('.')}." if ask else "")


@dataclass(frozen=True)
class ProcedureSummary:
    procedure: Procedure
    unit: Unit
    time_limit: str
    fee: str
    channels: list[str]
    place: str
    online_level: str | None
    online_url: str | None
    updated: dt.date | None
    current: bool
    #: The decision that abolished it (the last "bãi bỏ" entry), for abolished procedures.
    abolition: PublicationDecision | None = None
    #: The procedure that replaces an abolished one, when it is in the catalogue.
    replacement: Procedure | None = None
    #: What the online line says (consistent with the channel list).
    online_text: str = ""
    #: The button's words ("Nộp hồ sơ trực tuyến…"), None: no button.
    online_label: str | None = None
    #: Up to 5 documents to bring (forms first) and how many there are in all.
    key_documents: list[KeyDocument] = field(default_factory=list)
    document_count: int = 0
    #: Element → sentence said in its place ("chưa có thông tin … xin hỏi …").
    gaps: dict[str, str] = field(default_factory=dict)
    #: What an empty optional element reads: "Không" (editor's statement) or, for an imported
    #: record, "Cơ sở dữ liệu quốc gia chưa có thông tin".
    empty: str = "Không"
    #: (channel, time limit, fee) as a citizen reads them, in the record's row order.
    channel_rows: list[tuple[SubmissionChannel, str, str]] = field(default_factory=list)

    @property
    def has_remote_channel(self) -> bool:
        return any(c != IN_PERSON for c in self.channels)

    @property
    def has_online_channel(self) -> bool:
        return ONLINE in self.channels

    @property
    def fully_online(self) -> bool:
        return self.online_level == FULLY_ONLINE


@dataclass(frozen=True)
class RecordReading:
    """What a summary reads from the record alone (its texts are the costly part of a summary):
    kept in the build cache by the record's fingerprint, so a build reads again only the
    records that changed."""

    time_limit: str
    fee: str
    key_documents: list[KeyDocument]
    document_count: int
    #: (time limit, fee) of each channel, in the record's row order.
    row_texts: list[tuple[str, str]]


def read_record(p: Procedure) -> RecordReading:
    channels = sorted(p.cach_thuc_thuc_hien, key=lambda c: CHANNEL_ORDER.index(c.hinh_thuc))
    imported = p.nguon is not None
    time_limit = p.thoi_han_giai_quyet or say_once(
        [(c.hinh_thuc, channel_time_text(c)) for c in channels])
    fee = say_once([(c.hinh_thuc, channel_fee_text(c, imported)) for c in channels])
    documents, count = key_documents(p)
    return RecordReading(time_limit, fee, documents, count,
                         [(channel_time_text(c), channel_fee_text(c, imported))
                          for c in p.cach_thuc_thuc_hien])


def summarize(p: Procedure, cat: Catalogue,
              reading: RecordReading | None = None) -> ProcedureSummary:
    """`reading`: `read_record(p)`, when the caller has it already."""
    if reading is None:
        reading = read_record(p)
    unit = cat.unit(p.co_quan_thuc_hien)
    channels = sorted(p.cach_thuc_thuc_hien, key=lambda c: CHANNEL_ORDER.index(c.hinh_thuc))
    imported = p.nguon is not None
    if p.dia_diem_thuc_hien:
        place = " ".join(p.dia_diem_thuc_hien.split())
    else:
        address = unit.lien_he.dia_chi if unit.lien_he and unit.lien_he.dia_chi else None
        place = f"{unit.ten_don_vi}" + (f", {address}" if address else "")
    online = any(c.hinh_thuc == ONLINE for c in channels)
    # The record's own online address, else its own page on the national portal: never a
    # portal's home page, and no button without an online channel.
    online_url = (p.dia_chi_truc_tuyen or p.nguon) if online else None
    online_label = None
    if online_url:
        online_label = "Nộp hồ sơ trực tuyến" if p.dia_chi_truc_tuyen else \
            "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia"
    ask = whom_to_ask(unit, cat.config.phan_anh_kien_nghi)
    dates = [d.ngay_ban_hanh for d in p.cong_bo if d.ngay_ban_hanh]
    updated = p.ngay_cap_nhat or (max(dates) if dates else None)
    return ProcedureSummary(
        procedure=p, unit=unit, time_limit=reading.time_limit, fee=reading.fee,
        channels=[c.hinh_thuc for c in channels], place=place,
        online_level=p.muc_do_dvc, online_url=online_url, updated=updated,
        current=p.trang_thai == CURRENT,
        abolition=next((d for d in reversed(p.cong_bo) if d.loai == ABOLITION), None),
        replacement=cat.by_code.get(p.thu_tuc_thay_the) if p.thu_tuc_thay_the else None,
        online_text=online_text(online, p.muc_do_dvc), online_label=online_label,
        key_documents=reading.key_documents, document_count=reading.document_count,
        gaps={name: gap_sentence(name, ask) for name in p.chua_co_thong_tin},
        empty=NO_INFO_YET if imported else "Không",
        channel_rows=[(c, *texts) for c, texts in zip(p.cach_thuc_thuc_hien, reading.row_texts,
                                                      strict=True)],
    )


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else NO_INFO
