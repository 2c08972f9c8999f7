"""Screenshot a kg HTML page after its layout settles, e.g. for docs/graph.png.

    python scripts/screenshot.py output/graph.html docs/graph.png

Uses the same offline headless Chromium as the browser tests (kg.export.browser), and refuses
to save a picture of a page that tried to load from outside or raised errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.export.browser import screenshot

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the page to open, e.g. output/graph.html")
    parser.add_argument("png", type=Path, help="where to save the screenshot")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"error: {args.html} not found; run kg first to write it", file=sys.stderr)
        return 2
    viewport: ViewportSize = {"width": args.width, "height": args.height}
    try:
        log = screenshot(args.html, args.png, viewport)
    except KgError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if log.problems():
        args.png.unlink(missing_ok=True)
        for problem in log.problems():
            print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
