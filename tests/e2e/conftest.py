"""Browser tests: Playwright driving Debian's Chromium, with axe-core on every page.

Use the ``page`` fixture with ``live_server``; call ``assert_accessible(page)``
(or ``visit(page, url)``, which does it for you) on every page a test reaches,
error states included.
"""

import json
import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# WCAG 2.2 AA, as the NHS service manual asks.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}

PHONE = {"width": 375, "height": 812}

_axe = Axe()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail("Browser tests need Chromium: apt-get install -y chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Phone first: the people using the public pages are mostly on phones.
    return {**browser_context_args, "viewport": PHONE}


# What Chromium says when axe starts while a click's navigation is still
# replacing the document; axe is run again on the page that arrives.
_NAVIGATING = ("reading 'documentElement'", "Execution context was destroyed")


def _run_axe(page):
    for _attempt in range(3):
        page.wait_for_load_state("load")
        try:
            return _axe.run(page, options=AXE_OPTIONS)
        except PlaywrightError as error:
            if not any(words in str(error) for words in _NAVIGATING):
                raise
    page.wait_for_load_state("load")
    return _axe.run(page, options=AXE_OPTIONS)


def assert_accessible(page):
    """Fail with axe's own words if the page has any WCAG 2.2 AA violation."""
    results = _run_axe(page)
    violations = results.response["violations"]
    assert not violations, f"axe found problems on {page.url}:\n" + json.dumps(
        [
            {
                "id": v["id"],
                "help": v["help"],
                "nodes": [n["html"][:200] for n in v["nodes"][:5]],
            }
            for v in violations
        ],
        indent=2,
    )


def visit(page, url):
    response = page.goto(url)
    assert_accessible(page)
    return response
