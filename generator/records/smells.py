"""What in a procedure record would make its page misstate a fact, for editors to fix at the source.

National records carry the portal's defaults and slips: a time limit "1" with no unit, "Miễn
phí" followed by an amount, a note typed as a document. The page already says them truthfully
(derive/summary.py); these located warnings tell the editor, in `congkhai check` and in the
`congkhai import` report, what to correct. `info` smells are for the import report only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .loader import Path_
from .readings import (
    DONG,
    ENUM_LABEL,
    ENUMERATOR,
    NOTE_GROUP,
    channel_time,
    classify_dossier_row,
    clean,
    enumeration_order,
    parse_fee,
    same_key,
    short,
)
from .schema import Procedure
from .vocab import ONLINE, SOURCE_GAP_WORDS, SOURCE_GAPS

SmellLevel = Literal["warning", "info"]


@dataclass(frozen=True)
class Smell:
    """One thing that would mislead a reader, at a field location."""

    loc: Path_
    code: str
    message: str
    hint: str | None = None
    severity: SmellLevel = "warning"


_SOURCE_HINT = ("sửa trong hồ sơ; nếu nguồn quốc gia ghi như vậy, đề nghị cơ quan công bố sửa "
                "trên Cơ sở dữ liệu quốc gia")


def _channel_smells(p: Procedure) -> list[Smell]:
    smells: list[Smell] = []
    counts: dict[str, int] = {}
    for i, c in enumerate(p.cach_thuc_thuc_hien):
        name = c.hinh_thuc
        counts[name] = counts.get(name, 0) + 1
        t = channel_time(c.thoi_han.so if c.thoi_han else None,
                         c.thoi_han.don_vi if c.thoi_han else None, c.thoi_han_mo_ta)
        time_loc: Path_ = ("cach_thuc_thuc_hien", i, "thoi_han_mo_ta")
        if t.status == "no_unit":
            smells.append(Smell(time_loc, "thoi_han_khong_don_vi",
                                f"cách thức «{name}»: thời hạn «{t.raw}» không có đơn vị",
                                "ghi `thoi_han: {so: …, don_vi: ngày làm việc}` theo văn bản "
                                "công bố; " + _SOURCE_HINT))
        elif t.status == "text" and same_key(t.raw) == "không":
            smells.append(Smell(time_loc, "thoi_han_khong_ro",
                                f"cách thức «{name}»: thời hạn ghi «{t.raw}»: không rõ là không "
                                "có thời hạn hay chưa có thông tin", _SOURCE_HINT))
        elif t.status == "missing" and t.raw:
            smells.append(Smell(time_loc, "thoi_han_bang_0",
                                f"cách thức «{name}»: thời hạn «{t.raw}» không phải là thời hạn",
                                _SOURCE_HINT))
        raw_fee = clean(c.phi_le_phi)
        fee = parse_fee(raw_fee)
        loc: Path_ = ("cach_thuc_thuc_hien", i, "phi_le_phi")
        if fee.conflict and fee.amount is None:
            smells.append(Smell(loc, "phi_mien_phi_mau_thuan",
                                f"cách thức «{name}»: {fee.conflict}",
                                "bỏ chữ «Miễn phí» hoặc bỏ mức thu cho đúng văn bản; "
                                + _SOURCE_HINT))
        elif fee.conflict:
            smells.append(Smell(loc, "phi_so_tien_lech", f"cách thức «{name}»: {fee.conflict}",
                                "ghi đúng số tiền (đồng) ở ô phí; " + _SOURCE_HINT))
        elif fee.amount is not None and 0 < fee.amount < 1000 and fee.currency in DONG:
            smells.append(Smell(loc, "phi_so_tien_nho",
                                f"cách thức «{name}»: mức phí «{fee.label}» dưới 1.000 đồng",
                                "đối chiếu với văn bản quy định mức thu; " + _SOURCE_HINT))
        if raw_fee and (ENUMERATOR.fullmatch(raw_fee)
                        or (fee.detail and ENUMERATOR.fullmatch(fee.detail))):
            smells.append(Smell(loc, "phi_la_so_thu_tu",
                                f"cách thức «{name}»: phí, lệ phí «{raw_fee}» là số thứ tự của "
                                "một trường hợp, không phải mức phí",
                                "ghi mức phí, hoặc để trống nếu nguồn không có; chuyển "
                                f"«{raw_fee}» về đầu mô tả"))
    fees: dict[str, set[str]] = {}
    for c in p.cach_thuc_thuc_hien:
        text = clean(c.phi_le_phi)
        if text:
            fees.setdefault(same_key(text), set()).add(text)
    variants = next((sorted(v) for v in fees.values() if len(v) > 1), None)
    if variants:
        smells.append(Smell(("cach_thuc_thuc_hien",), "phi_ghi_khac_nhau",
                            "cùng một mức phí ghi khác nhau giữa các cách thức: "
                            + " / ".join(f"«{short(v, 40)}»" for v in variants),
                            "ghi giống hệt nhau để trang nói một lần", "info"))
    for channel, n in counts.items():
        if n > 1:
            smells.append(Smell(("cach_thuc_thuc_hien",), "cach_thuc_nhieu_dong",
                                f"cách thức «{channel}» có {n} dòng (mỗi trường hợp một dòng)",
                                "nêu tên trường hợp ở đầu `mo_ta` của mỗi dòng", "info"))
    return smells


def _dossier_smells(p: Procedure) -> list[Smell]:
    smells: list[Smell] = []
    for gi, group in enumerate(p.thanh_phan_ho_so):
        docs = group.giay_to
        if group.nhom and NOTE_GROUP.match(clean(group.nhom)) and docs:
            smells.append(Smell(("thanh_phan_ho_so", gi, "nhom"), "ho_so_nhom_luu_y",
                                f"nhóm «{group.nhom}» chứa {len(docs)} ghi chú được ghi như giấy "
                                "tờ (trang hiện thành ô ☐)",
                                "chuyển nội dung vào `ghi_chu` của nhóm"))
            continue
        order = enumeration_order([d.ten for d in docs])
        if order and order != sorted(order):
            labels = [m.group(1) for d in docs if (m := ENUM_LABEL.match(clean(d.ten)))]
            smells.append(Smell(("thanh_phan_ho_so", gi, "giay_to"), "ho_so_thu_tu_lon_xon",
                                "các giấy tờ đánh số " + ", ".join(labels)
                                + " không theo thứ tự", "xếp lại theo thứ tự a), b), c)…",
                                "info"))
        for di, doc in enumerate(docs):
            text = clean(doc.ten)
            kind = classify_dossier_row(text, doc.ban_chinh, doc.ban_sao, group.nhom)
            loc: Path_ = ("thanh_phan_ho_so", gi, "giay_to", di, "ten")
            if kind == "note":
                smells.append(Smell(loc, "ho_so_ghi_chu_nhu_giay_to",
                                    f"«{short(text, 50)}» là ghi chú, không phải giấy tờ",
                                    "chuyển vào `ghi_chu` của nhóm"))
            elif kind == "heading":
                smells.append(Smell(loc, "ho_so_tieu_de_nhu_giay_to",
                                    f"«{short(text, 50)}» là tiêu đề của các giấy tờ bên dưới",
                                    "tách thành một nhóm với `nhom:` là câu này"))
            elif kind == "quantity":
                smells.append(Smell(loc, "ho_so_so_bo_nhu_giay_to",
                                    f"«{short(text, 50)}» là số bộ hồ sơ, không phải giấy tờ",
                                    "ghi `so_bo_ho_so:` hoặc chuyển vào `ghi_chu` của nhóm"))
    return smells


def gap_is_present(p: Procedure, name: str) -> bool:
    """Whether the record now has the element `chua_co_thong_tin` says it lacks."""
    if name == "thoi_han_giai_quyet":
        return bool(p.thoi_han_giai_quyet) or any(
            channel_time(c.thoi_han.so if c.thoi_han else None,
                         c.thoi_han.don_vi if c.thoi_han else None,
                         c.thoi_han_mo_ta).status != "missing"
            for c in p.cach_thuc_thuc_hien)
    return bool(getattr(p, name))


def gap_smells(p: Procedure) -> list[Smell]:
    """Each element the national database does not have yet: what to complete."""
    return [Smell(("chua_co_thong_tin", i), "chua_co_thong_tin",
                  f"chưa có thông tin {SOURCE_GAP_WORDS[name]} (Cơ sở dữ liệu quốc gia chưa có)",
                  f"bổ sung `{name}` rồi xóa dòng này")
            for i, name in enumerate(p.chua_co_thong_tin)
            if name in SOURCE_GAPS and not gap_is_present(p, name)]


def record_smells(p: Procedure) -> list[Smell]:
    """Everything in a procedure that would make its page misstate a fact, in field order."""
    smells = _channel_smells(p)
    online = any(c.hinh_thuc == ONLINE for c in p.cach_thuc_thuc_hien)
    if online and not p.muc_do_dvc:
        smells.append(Smell(("cach_thuc_thuc_hien",), "truc_tuyen_chua_ro_muc_do",
                            "có cách thức Trực tuyến nhưng chưa ghi mức độ dịch vụ công trực "
                            "tuyến", "ghi `muc_do_dvc: toàn trình` hoặc `một phần` nếu đã công bố",
                            "info"))
    return smells + _dossier_smells(p) + gap_smells(p)
