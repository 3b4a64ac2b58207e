"""Build into a staging folder and swap it in only when the build is complete.

MkDocs empties `site_dir` right after `on_config`, then writes pages one by one: a build that
fails or is interrupted after that point would leave `site/` half written and lose the last good
site. The plugin points `site_dir` at a sibling staging folder instead (`.site.congkhai-moi/`
beside `site/`), and swaps it into place only after the last step (the search index). A failed
build removes the staging folder; an interrupted one leaves it behind, and the next build empties
it as MkDocs would have emptied `site/`. Either way `site/` stays the last good site, whole.

Under `mkdocs serve` the server keeps serving the path it created, so the swap keeps that path:
the complete new folder takes the old one's name.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
import threading
from pathlib import Path

#: Suffix of the staging folder, a hidden sibling of the site folder.
STAGING_SUFFIX = ".congkhai-moi"
#: Suffix of the previous site while it is being removed after a swap.
OLD_SUFFIX = ".congkhai-cu"

_RENAME_EXCHANGE = 2  # renameat2(2) flag: swap two paths atomically (Linux ≥ 3.15)
_AT_FDCWD = -100


def staging_dir(site_dir: Path) -> Path:
    """The staging folder of `site_dir`: hidden, beside it (same file system, so renames work)."""
    return site_dir.parent / f".{site_dir.name}{STAGING_SUFFIX}"


def swap_in(staging: Path, site_dir: Path, background: bool = False) -> None:
    """Make the complete `staging` folder the site folder; remove the previous site (in a
    background thread when `background`: the process goes on serving meanwhile)."""
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    old = site_dir.parent / f".{site_dir.name}{OLD_SUFFIX}"
    if _exchange(staging, site_dir):
        previous = staging  # now holds the previous site
    else:
        shutil.rmtree(old, ignore_errors=True)
        site_dir.rename(old)
        staging.rename(site_dir)
        previous = old
    if background:
        # Renamed first, so the next build's staging folder is free at once.
        doomed = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{OLD_SUFFIX}-",
                                       dir=site_dir.parent))
        previous.rename(doomed / "site")
        threading.Thread(target=shutil.rmtree, args=(doomed,), kwargs={"ignore_errors": True},
                         daemon=True).start()
    else:
        shutil.rmtree(previous, ignore_errors=True)


def discard(staging: Path) -> None:
    """Remove what a failed build wrote; the site folder is untouched."""
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step where the system can (no moment without a site)."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
