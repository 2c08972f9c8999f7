"""Open kg's HTML page in a real headless Chromium with the network cut off.

Shared by the browser tests and scripts/screenshot.py, so the screenshot is taken exactly the way
the tests check the page: same browser flags, same offline routing, same "ready" signal. It lives
in the package rather than in tests/ because a script cannot import from tests/ without path
hacks. Playwright is a development tool, so it is imported only inside these functions and
`import kg.export.browser` costs nothing at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Dialog,
        Page,
        Playwright,
        Route,
        ViewportSize,
        WebSocket,
    )

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers run as root), no GPU, and none of Chromium's own background traffic
# (updates, sync, QUIC probes) that would show up as outside requests.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
# Schemes a self-contained page may load; everything else is aborted and recorded.
# blob: is how the facts table hands its CSV and JSON downloads to the browser, from memory.
LOCAL_SCHEMES = ("file:", "data:", "blob:")
# The two screens the page is built and tested for: a laptop and a phone.
DESKTOP: ViewportSize = {"width": 1400, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
VIEWPORT = DESKTOP
READY_TIMEOUT_MS = 15_000
# The views a screenshot can show, as the README and docs/ show them.
VIEWS = ("first", "communities", "focus", "table", "article", "map")


@dataclass
class PageLog:
    """What the page tried or complained about while open; empty lists mean a clean page."""

    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *(f"outside request: {url}" for url in self.outside_requests),
            *(f"console error: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"dialog: {text}" for text in self.dialogs),
        ]


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's /usr/bin/chromium, headless (Playwright's own browser download is not used)."""
    if not CHROMIUM.exists():
        raise KgError(f"{CHROMIUM} not found; install Debian's browser: apt-get install chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True)


def open_offline(browser: Browser, html_path: Path, viewport: ViewportSize | None = None) -> tuple[Page, PageLog]:
    """Open a file:// page in a fresh context where only file: and data: loads are allowed.

    Close it with `page.context.close()`.
    """
    context = browser.new_context(viewport=viewport or VIEWPORT, device_scale_factor=1)
    log = PageLog()

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            log.outside_requests.append(url)
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            log.console_errors.append(message.text)

    def on_dialog(dialog: Dialog) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_websocket(socket: WebSocket) -> None:
        # WebSockets bypass request routing, so they are recorded separately.
        log.outside_requests.append(socket.url)

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    page.on("websocket", on_websocket)
    page.goto(html_path.resolve().as_uri())
    return page, log


def wait_until_ready(page: Page, timeout_ms: int = READY_TIMEOUT_MS) -> None:
    """Block until the first view is drawn and fitted (the page sets window.kgReady)."""
    page.wait_for_function("window.kgReady === true", timeout=timeout_ms)


def wait_until_still(page: Page, timeout_ms: int = 5_000) -> None:
    """Block until the view has finished gliding to its new fit (the page sets window.kgMoving)."""
    page.wait_for_function("window.kgMoving === false", timeout=timeout_ms)


def focus_by_search(page: Page, query: str) -> None:
    """Type `query` in the search box and press Enter, as an analyst would; wait for the view."""
    page.fill("#kg-search", query)
    page.press("#kg-search", "Enter")
    wait_until_still(page)


def open_table(page: Page) -> None:
    page.click("#kg-view-table")
    page.wait_for_selector("#kg-table-body tr")


def open_article(page: Page) -> None:
    """Open the article behind the first sentence in the details panel."""
    page.locator("#kg-panel-body button[data-doc]").first.click()
    page.wait_for_selector("#kg-article[open] mark.kg-current")


def _with_filters_open(page: Page, control: str, action: Callable[[], object]) -> None:
    """Run `action` with the filter bar open: on a phone it is folded behind a button."""
    is_folded = page.is_visible("#kg-filters-toggle") and not page.is_visible(control)
    if is_folded:
        page.click("#kg-filters-toggle")
    action()
    if is_folded:
        page.click("#kg-filters-toggle")
    wait_until_still(page)


def choose_layout(page: Page, layout: str) -> None:
    """Pick "network" or "map" in the Layout menu."""
    _with_filters_open(page, "#kg-layout", lambda: page.select_option("#kg-layout", layout))


def filter_dates(page: Page, start: str = "", end: str = "", keep_undated: bool = True) -> None:
    """Type a date range (ISO days, "" for open) in the date filter, as an analyst would, and
    tick or untick "keep undated facts"."""

    def fill() -> None:
        page.fill("#kg-date-from", start)
        page.fill("#kg-date-to", end)
        page.set_checked("#kg-undated", keep_undated)

    _with_filters_open(page, "#kg-date-from", fill)


def show_view(page: Page, view: str, query: str | None = None) -> None:
    """Bring the page to one of VIEWS: the first view (in class or community colours), an entity
    in focus (found by `query`), the facts table (of that entity's facts, given one), the
    article behind one of that entity's facts, or the map (focused on `query`, given one)."""
    if view not in VIEWS:
        raise KgError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")
    if view == "communities":
        page.select_option("#kg-colour", "community")
    if view == "map":
        if page.is_disabled("#kg-layout"):
            raise KgError("this page has no map: no entity in its graph has a known place")
        choose_layout(page, "map")
        if query:
            focus_by_search(page, query)
    if view in ("focus", "article"):
        if not query:
            raise KgError(f"the {view} view needs an entity to find: give its name")
        focus_by_search(page, query)
    if view == "article":
        open_article(page)
    if view == "table":
        if query:
            focus_by_search(page, query)
            page.click("#kg-panel-body >> text=Its facts in the table")
            page.wait_for_selector("#kg-table-body tr")
        else:
            open_table(page)


def screenshot(
    html_path: Path,
    png_path: Path,
    viewport: ViewportSize | None = None,
    view: str = "first",
    query: str | None = None,
    dates: tuple[str, str] | None = None,
) -> PageLog:
    """Save a PNG of the settled page in one of VIEWS, with the date filter set to `dates`
    (from, to; undated facts hidden) if given; returns the log so callers can refuse a broken page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page, log = open_offline(browser, html_path, viewport)
            wait_until_ready(page)
            if dates:
                filter_dates(page, *dates, keep_undated=False)
            show_view(page, view, query)
            # One frame for the last draw.
            page.wait_for_timeout(300)
            page.screenshot(path=str(png_path))
            page.context.close()
        finally:
            browser.close()
    return log
