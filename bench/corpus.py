"""The shared national corpus as a fixture: import all of it into a throw-away project, check it,
build it, and measure.

    .venv/bin/python bench/corpus.py /tmp/corpus                 # init + import + check
    .venv/bin/python bench/corpus.py /tmp/corpus --build         # … + mkdocs build --strict
    .venv/bin/python bench/corpus.py /tmp/corpus --scale 20000 --build --no-search

Steps: a new site as `congkhai init` writes it (generator.tools.init.create_site), one handling
unit (units/tinh-thu-nghiem.yaml), `congkhai import --unit tinh-thu-nghiem` of every file under
`samples/national-portal/` and `samples/national-corpus/` (the shared corpus, found next to the
repository as in the tests), then `congkhai check`. `--scale N` copies the imported records with
new, distinct codes (9.000001, 9.000002, …) up to N procedures for the stretch size. `--build`
runs `mkdocs build --strict` and reports wall time, peak memory, the number of procedure pages
and the size of the largest list pages. The figures go to DIR/corpus-report.json too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The shared samples sit next to the repository (../shared/samples); a git worktree one level
#: deeper finds them further up. CONGKHAI_SAMPLES overrides.
SAMPLES = Path(os.environ.get("CONGKHAI_SAMPLES") or next(
    (p / "shared" / "samples" for p in ROOT.parents if (p / "shared" / "samples").is_dir()),
    ROOT.parent / "shared" / "samples"))
SOURCES = [SAMPLES / "national-portal", SAMPLES / "national-corpus"]
UNIT_ID = "tinh-thu-nghiem"
UNIT = f"""# yaml-language-server: $schema=../schema/unit.schema.json
ma_don_vi: {UNIT_ID}
ten_don_vi: Ủy ban nhân dân tỉnh Thử nghiệm
loai_don_vi: Tỉnh, thành phố
cap: Cấp tỉnh
lien_he:
  dia_chi: Số 1 đường Thử nghiệm, tỉnh Thử nghiệm
  dien_thoai: 0203.3000.000
"""
#: List pages a phone must be able to load (the issue's limit).
LIST_LIMIT = 300 * 1024
LIST_PREFIXES = ("thu-tuc/index.html", "thu-tuc/trang-", "linh-vuc/", "cap/", "don-vi/",
                 "cong-bo/")

sys.path.insert(0, str(ROOT))

from generator.tools.importer.importer import ImportResult, import_sources  # noqa: E402
from generator.tools.init import NewSite, create_site  # noqa: E402

_TIMED = ("import resource, subprocess, sys, time; t = time.perf_counter();"
          "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
          "sys.stderr.write(r.stdout + r.stderr);"
          "print(time.perf_counter() - t, "
          "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")


def timed(cmd: list[str], cwd: Path) -> tuple[float, int, int, str]:
    """(seconds, peak memory in MB, exit code, tail of the output) of a command."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run([sys.executable, "-c", _TIMED, *cmd], cwd=cwd, capture_output=True,
                          text=True, env=env)
    seconds, rss, code = done.stdout.split()
    return float(seconds), int(rss) // 1024, int(code), done.stderr


def scale(procedures: Path, target: int) -> int:
    """Copy the imported records with new codes until there are `target` procedures."""
    records = sorted(procedures.glob("*.yaml"))
    count = len(records)
    n = 0
    while count < target:
        source = records[n % len(records)]
        n += 1
        code = f"9.{n:06d}"
        text = re.sub(r'^ma_thu_tuc: .*$', f'ma_thu_tuc: "{code}"',
                      source.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
        (procedures / f"{code}.yaml").write_text(text, encoding="utf-8")
        count += 1
    return count


def list_pages(site: Path) -> list[tuple[str, int]]:
    """(path, bytes) of every list page, largest first."""
    pages = []
    for page in site.rglob("index.html"):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(LIST_PREFIXES) and not re.match(r"thu-tuc/\d", rel):
            pages.append((rel, page.stat().st_size))
    return sorted(pages, key=lambda item: -item[1])


#: An amount of money in words ("40.000 đồng", "200 USD").
_MONEY = re.compile(r"\d[\d.,]*\s*(?:đồng|đ\b|vnđ|vnd|usd|việt nam đồng)", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"(?:^|[:;]\s*|hoặc\s)\d+(?:[.,]\d+)?\s*(?:$|;|\s+hoặc)")
_PORTAL_HOMES = {"https://dichvucong.gov.vn/", "https://dichvucong.gov.vn",
                 "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"}
_NOTE_WORDS = re.compile(r"^\W{0,4}(?:Lưu ý|Ghi chú|Chú ý)\b", re.IGNORECASE)


def summary_faults(html: str) -> list[str]:
    """The summary-box faults of the issue found on one built procedure page (none expected):
    a bare number as time limit, "Miễn phí" beside an amount, one fee repeated per channel,
    a fee of "Không" on an imported record, a submit button under "Không" or to a portal's home
    page, a note shown as a ☐ document."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one(".ck-summary")
    if box is None:
        return []
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
             for dt in box.select("dt")}
    faults = []
    time_limit = facts.get("Thời hạn giải quyết", "")
    if _BARE_NUMBER.search(time_limit):
        faults.append("thời hạn là số không đơn vị")
    fee = facts.get("Phí, lệ phí", "")
    parts = re.split(r";\s*(?=(?:Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?:, [^:;]+)?: )", fee)
    for part in parts:
        if "Miễn phí" in part and _MONEY.search(part):
            faults.append("«Miễn phí» cạnh số tiền")
            break
    values = [part.split(": ", 1)[1] for part in parts if len(parts) > 1 and ": " in part]
    if len(values) != len(set(values)):
        faults.append("một mức phí nhắc lại theo từng cách thức")
    if fee == "Không" and soup.select_one("footer a[href*='dichvucong']"):
        faults.append("phí «Không» khi nguồn không ghi")
    button = box.select_one(".ck-actions a")
    if button is not None:
        if facts.get("Dịch vụ công trực tuyến", "").startswith("Không"):
            faults.append("nút nộp trực tuyến dưới «Không»")
        if button.get("href") in _PORTAL_HOMES:
            faults.append("nút nộp trực tuyến tới trang chủ cổng")
    for item in soup.select(".ck-checklist .ck-doc"):
        if _NOTE_WORDS.match(item.get_text(" ", strip=True)):
            faults.append("ghi chú hiện thành ô ☐")
            break
    return faults


def count_faults(site: Path) -> dict[str, int]:
    """How many procedure pages show each fault."""
    counts: dict[str, int] = {}
    for page in sorted((site / "thu-tuc").glob("*/index.html")):
        if re.fullmatch(r"\d\.\d{6}", page.parent.name):
            for fault in set(summary_faults(page.read_text(encoding="utf-8"))):
                counts[fault] = counts.get(fault, 0) + 1
    return counts


def new_project(project: Path, *, search: bool = True) -> ImportResult:
    """A new site as `congkhai init` writes it, with the test unit and every record of the shared
    corpus imported by the project's own importer; returns the import's result. Used by main()
    and by the browser tests' national-size fixture (tests/browser/conftest.py)."""
    create_site(project, NewSite("Ủy ban nhân dân tỉnh Thử nghiệm", "Thủ tục tỉnh Thử nghiệm"))
    (project / "units" / f"{UNIT_ID}.yaml").write_text(UNIT, encoding="utf-8")
    if not search:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  - congkhai:\n", "  - congkhai:\n      search: false\n", 1), encoding="utf-8")
    missing = [str(source) for source in SOURCES if not source.is_dir()]
    if missing:
        raise FileNotFoundError(f"không thấy {', '.join(missing)} (đặt CONGKHAI_SAMPLES)")
    result = import_sources(SOURCES, project / "procedures", unit=UNIT_ID)
    (project / "import-report.txt").write_text("\n".join(result.lines) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="thư mục dự án mới (chưa có hoặc trống)")
    parser.add_argument("--scale", type=int, default=0, help="nhân bản tới N thủ tục")
    parser.add_argument("--build", action="store_true", help="dựng trang (mkdocs build --strict)")
    parser.add_argument("--faults-only", action="store_true",
                        help="chỉ đếm lỗi tóm tắt trên trang đã dựng ở DIR/site")
    parser.add_argument("--no-search", action="store_true", help="không lập chỉ mục tìm kiếm")
    args = parser.parse_args(argv)
    project: Path = args.dir
    report: dict[str, object] = {}
    if args.faults_only:  # an already built project: count the faults again
        print(json.dumps(count_faults(project / "site"), ensure_ascii=False, indent=1))
        return 0

    started = time.perf_counter()
    try:
        result = new_project(project, search=not args.no_search)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    report["import_seconds"] = round(time.perf_counter() - started, 1)
    report["imported"] = len(result.written)
    report["skipped"] = len(result.skipped)
    if args.scale:
        report["procedures"] = scale(project / "procedures", args.scale)
    else:
        report["procedures"] = len(result.written)

    seconds, rss, code, output = timed([str(Path(sys.executable).with_name("congkhai")),
                                        "check"], project)
    (project / "check-report.txt").write_text(output, encoding="utf-8")
    totals = re.search(r"(\d+) lỗi, (\d+) cảnh báo", output)
    warned = {line.split(":")[0] for line in output.splitlines() if ": cảnh báo: " in line}
    report["check"] = {"seconds": round(seconds, 1), "peak_mb": rss, "exit": code,
                       "errors": int(totals.group(1)) if totals else None,
                       "warnings": int(totals.group(2)) if totals else None,
                       "records_with_warnings": len(warned)}

    if args.build:
        seconds, rss, code, output = timed(
            [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-q"], project)
        site = project / "site"
        pages = list_pages(site)
        procedure_pages = [p for p in (site / "thu-tuc").glob("*/index.html")
                           if re.match(r"\d\.\d{6}$", p.parent.name)]
        report["build"] = {
            "seconds": round(seconds, 1), "peak_mb": rss, "exit": code,
            "procedure_pages": len(procedure_pages),
            "list_pages": len(pages),
            "list_pages_over_limit": [p for p in pages if p[1] > LIST_LIMIT],
            "summary_faults": count_faults(site),
            "largest_list_pages": pages[:8],
            "output_tail": output[-3000:] if code else "",
        }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    (project / "corpus-report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                                encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
