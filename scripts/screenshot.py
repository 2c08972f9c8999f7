"""Screenshot a kg HTML page in one of its views, e.g. for docs/ and the README.

    python scripts/screenshot.py output/graph.html docs/graph.png
    python scripts/screenshot.py GRAPH.html docs/focus.png --view focus --find "Tony Blair"
    python scripts/screenshot.py GRAPH.html docs/phone.png --phone --view focus --find "Tony Blair"
    python scripts/screenshot.py output/graph.html docs/page-map.png --view map
    python scripts/screenshot.py output/graph.html docs/page-dates.png --view table --dates 2018-01-01 2018-12-31

Uses the same offline headless Chromium and the same steps as the browser tests
(kg.export.browser), and refuses to save a picture of a page that tried to load from outside or
raised errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.export.browser import DESKTOP, PHONE, VIEWS, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the page to open, e.g. output/graph.html")
    parser.add_argument("png", type=Path, help="where to save the screenshot")
    parser.add_argument("--width", type=int, default=DESKTOP["width"])
    parser.add_argument("--height", type=int, default=DESKTOP["height"])
    parser.add_argument("--phone", action="store_true", help=f"a phone's screen ({PHONE['width']}x{PHONE['height']})")
    parser.add_argument("--view", choices=VIEWS, default="first", help="what to show (default: the first view)")
    parser.add_argument("--find", metavar="NAME", help="the entity to select, as typed in the search box")
    parser.add_argument(
        "--dates",
        nargs=2,
        metavar=("FROM", "TO"),
        help="set the date filter to these days (YYYY-MM-DD) and hide undated facts first",
    )
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"error: {args.html} not found; run kg first to write it", file=sys.stderr)
        return 2
    viewport: ViewportSize = PHONE if args.phone else {"width": args.width, "height": args.height}
    try:
        log = screenshot(args.html, args.png, viewport, args.view, args.find, tuple(args.dates) if args.dates else None)
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
