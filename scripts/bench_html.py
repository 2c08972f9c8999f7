"""Measure how long graph.html takes to become interactive in headless Chromium.

Usage: .venv/bin/python scripts/bench_html.py [GRAPH.html ...]
For each page: seconds from navigation to the layout settling (physics frozen, `window.kgReady`),
the number of nodes and edges drawn, and any outside request or console error. A benchmark,
not a test: the figure depends on the machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.export.browser import launch_chromium, open_offline, wait_until_ready


def measure(paths: list[Path]) -> None:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        print("| page | nodes | edges | seconds to interactive | problems |")
        print("| --- | ---: | ---: | ---: | --- |")
        for path in paths:
            started = time.monotonic()
            tab, log = open_offline(browser, path)
            wait_until_ready(tab, timeout_ms=300_000)
            elapsed = time.monotonic() - started
            nodes = tab.evaluate("window.kgNetwork.body.data.nodes.length")
            edges = tab.evaluate("window.kgNetwork.body.data.edges.length")
            print(f"| {path} | {nodes} | {edges} | {elapsed:.1f} | {'; '.join(log.problems()) or 'none'} |")
            tab.context.close()
        browser.close()


if __name__ == "__main__":
    measure([Path(p) for p in sys.argv[1:]] or [Path("output/graph.html")])
