"""Synthetic projects for benchmarks: N procedures shaped like the sample records.

Each synthetic procedure is a copy of one of the sample records in `procedures/` (cycled),
with its own code and a distinct name, so field sizes follow the real data exactly. Units,
index definitions and mkdocs.yml are copied from the repository.

    python bench/synthetic.py 2000 /tmp/bench-2000
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Words mixed into names so that synthetic procedures are distinguishable for search.
WORDS = ["an", "bình", "cao", "đông", "giang", "hải", "hòa", "khánh", "lâm", "minh", "nam",
         "phú", "quang", "sơn", "tân", "thành", "trung", "vĩnh", "xuân", "yên"]


def synthetic_name(name: str, i: int) -> str:
    a, b = WORDS[i % len(WORDS)], WORDS[(i // len(WORDS)) % len(WORDS)]
    return f"{name} (mẫu {i:05d} {a} {b})"


def templates() -> list[tuple[str, str]]:
    """(file text, original code) of every current sample procedure."""
    out = []
    for path in sorted((ROOT / "procedures").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "trang_thai: đã bãi bỏ" in text:
            continue
        code = re.search(r'^ma_thu_tuc:\s*"?([^"\n]+)"?', text, re.M).group(1)
        out.append((text, code))
    if not out:
        raise SystemExit("procedures/ has no sample records to copy")
    return out


def make_project(n: int, target: Path) -> Path:
    """Write a complete project with `n` synthetic procedures into `target`."""
    if target.exists():
        shutil.rmtree(target)
    for folder in ("units", "indexes", "docs", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    out = target / "procedures"
    out.mkdir(parents=True)
    samples = templates()
    for i in range(n):
        text, code = samples[i % len(samples)]
        new_code = f"9.{i:06d}"
        text = text.replace(f'"{code}"', f'"{new_code}"', 1)
        text = re.sub(r"^ten_thu_tuc:\s*(.+)$",
                      lambda m: "ten_thu_tuc: " + _quote(synthetic_name(_unquote(m.group(1)), i)),
                      text, count=1, flags=re.M)
        # Related-procedure and replacement references would point at unknown codes.
        text = re.sub(r"^thu_tuc_(lien_quan|thay_the):.*?(?=^\S)", "", text, flags=re.M | re.S)
        (out / f"{new_code}.yaml").write_text(text, encoding="utf-8")
    return target


def scale_records(folder: Path, n: int) -> int:
    """Grow the procedure folder `folder` of a real project to `n` records by copying its own
    records (cycled) under new codes `9.xxxxxx` and distinct names; return how many were added.
    Field sizes, sectors and units stay those of the real records."""
    originals = sorted(p for p in folder.glob("*.yaml") if not p.stem.startswith("9."))
    if not originals:
        raise SystemExit(f"{folder} has no records to copy")
    have = len(list(folder.glob("*.yaml")))
    added = 0
    for i in range(n - have):
        source = originals[i % len(originals)]
        text = source.read_text(encoding="utf-8")
        code = f"9.{i:06d}"
        text = re.sub(r'^ma_thu_tuc:\s*"?[^"\n]+"?', f'ma_thu_tuc: "{code}"', text, count=1,
                      flags=re.M)
        text = re.sub(r"^ten_thu_tuc:[ \t]*([^>|\s].*)$",  # block-scalar names keep their text
                      lambda m: "ten_thu_tuc: " + _quote(synthetic_name(_unquote(m.group(1)), i)),
                      text, count=1, flags=re.M)
        text = re.sub(r"^thu_tuc_(lien_quan|thay_the):.*?(?=^\S)", "", text, flags=re.M | re.S)
        (folder / f"{code}.yaml").write_text(text, encoding="utf-8")
        added += 1
    return added


def _unquote(value: str) -> str:
    value = value.strip()
    if value.startswith('"') and value.endswith('"'):
        return value[1:-1].replace('\\"', '"')
    return value


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    make_project(count, folder)
    print(f"{count} procedures written to {folder}")
