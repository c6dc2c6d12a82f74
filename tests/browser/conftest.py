"""Headless Debian Chromium driven by Playwright, every network request blocked."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# Screenshots the browser tests leave for a person to look at.
SHOTS = Path(os.environ.get("DIPLOGRAPH_SHOTS", "/tmp/diplograph-shots"))


def shot(b: "Browsed", name: str) -> Path:
    """Save a screenshot of the page as SHOTS/name.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    b.page.screenshot(path=str(path))
    return path
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Browsed:
    """A page opened offline, with what it tried to fetch and what it logged."""

    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def wait(self, expression: str, timeout: float = 60.0) -> None:
        """Poll ``expression`` (a function) until truthy. Polls with ``evaluate``, which
        the page's Content-Security-Policy allows (``wait_for_function`` needs eval)."""
        end = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {expression}")
            time.sleep(0.05)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            headless=True, args=FLAGS, viewport={"width": 1400, "height": 850})
        yield context
        context.close()


@pytest.fixture
def open_page(browser_context) -> Iterator[Any]:
    pages = []

    def _open(path: Path, viewport: tuple[int, int] | None = None) -> Browsed:
        page = browser_context.new_page()
        if viewport:
            page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        pages.append(page)
        b = Browsed(page)
        url = path.resolve().as_uri()

        def route(r: Any) -> None:
            b.requests.append(r.request.url)
            if r.request.url == url:
                r.continue_()
            else:
                b.blocked.append(r.request.url)
                r.abort()
        page.route("**/*", route)
        page.on("console", lambda m: b.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: b.errors.append(str(e)))
        page.on("requestfailed", lambda r: b.failed.append(r.url))
        page.goto(url)
        # Settled: drawn, labels sized to the screen, overlaps removed, view fitted.
        b.wait("() => !!(window.diplograph && window.diplograph.settled)")
        return b
    yield _open
    for page in pages:
        page.close()
