"""The public pages in a real browser at phone width, checked by axe."""

import os

import pytest

from tests.e2e.conftest import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set to a folder to keep screenshots of each page for a person to look at.
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS")


def screenshot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_start_page_at_phone_width(live_server, page):
    response = visit(page, live_server.url + "/")
    assert response.status == 200
    assert page.title() == "Video Interaction Guidance – NHS"
    assert page.locator("h1").inner_text() == "Video Interaction Guidance"
    # The NHS.UK frontend loaded and started: styles applied, script ran under the CSP.
    assert page.locator("body.js-enabled.nhsuk-frontend-supported").count() == 1
    header = page.locator("header.nhsuk-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 94, 184)"
    assert page.get_by_text("This is a new service.").is_visible()
    # The page fits the phone: nothing scrolls sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "start")


def test_skip_link_moves_to_the_main_content(live_server, page):
    visit(page, live_server.url + "/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("e => e === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "maincontent"


def test_missing_page_at_phone_width(live_server, page):
    response = visit(page, live_server.url + "/no-such-page/")
    assert response.status == 404
    assert page.title() == "Page not found – Video Interaction Guidance – NHS"
    assert page.locator("h1").inner_text() == "Page not found"
    screenshot(page, "not-found")
    page.get_by_role("link", name="go to the start page of Video Interaction Guidance").click()
    assert page.locator("h1").inner_text() == "Video Interaction Guidance"
