"""QR codes as inline SVG, made at build time with segno (no script, no image request).

The SVG is drawn here from segno's module matrix: one stroked path of horizontal runs, smaller
than segno's own writer and faster, which matters when every procedure page
and posting sheet carries one. Mask pattern 0 is fixed: choosing the "best" mask costs eight
encodings per code, and any mask is valid for every decoder.
"""

from __future__ import annotations

import re
from functools import lru_cache

import segno
from markupsafe import Markup, escape

QUIET_ZONE = 4  # modules of white border the QR standard asks for
DARK_RUN = re.compile(rb"\x01+")


@lru_cache(maxsize=4096)
def qr_svg(data: str, label: str = "") -> Markup:
    """An inline `<svg>` QR code of `data`; `label` becomes its accessible name."""
    code = segno.make_qr(data, error="m", mask=0, boost_error=False)
    size = len(code.matrix) + 2 * QUIET_ZONE
    runs = [f"M{m.start() + QUIET_ZONE} {y + QUIET_ZONE}h{m.end() - m.start()}"
            for y, row in enumerate(code.matrix) for m in DARK_RUN.finditer(bytes(row))]
    name = f' role="img" aria-label="{escape(label)}"' if label else ' aria-hidden="true"'
    return Markup(
        f'<svg class="ck-qr" viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg"'
        f'{name} shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path stroke="#000" transform="translate(0 .5)" d="{"".join(runs)}"/></svg>'
    )
