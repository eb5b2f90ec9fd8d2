"""The NHS.UK page layout: start page, error pages, header, messages, security headers."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template import Context, Template, loader
from django.urls import resolve

from vig_service import views


def nonce_in_csp(response):
    match = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert match, response["Content-Security-Policy"]
    return match.group(1)


@pytest.fixture
def rf_request(rf):
    """A GET request with the parts base.html reads (no middleware has run)."""

    def _request(path="/", user=None):
        request = rf.get(path)
        request.user = user or AnonymousUser()
        request.resolver_match = resolve(path)
        return request

    return _request


# --- Start page --------------------------------------------------------------------


@pytest.mark.django_db
def test_start_page_is_an_nhs_page(client, settings):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Video Interaction Guidance – NHS</title>" in html
    assert '<html lang="en-GB">' in html
    assert '<a class="nhsuk-skip-link" data-module="nhsuk-skip-link" href="#maincontent">' in html
    assert '<header class="nhsuk-header" data-module="nhsuk-header" role="banner">' in html
    assert 'class="nhsuk-header__service-name">Video Interaction Guidance</span>' in html
    assert '<main class="nhsuk-main-wrapper" id="maincontent">' in html
    assert '<strong class="nhsuk-tag app-phase-banner__tag">Beta</strong>' in html
    assert "This is a new service." in html
    assert '<footer class="nhsuk-footer" role="contentinfo">' in html
    assert "&copy; Example NHS Trust" in html  # SERVICE_ORGANISATION_NAME's default
    assert "<h1>Video Interaction Guidance</h1>" in html
    assert "withdraw your consent at any time" in html
    # Signed out: no staff navigation, no sign-out button.
    assert "nhsuk-header__navigation" not in html
    assert "Sign out" not in html


@pytest.mark.django_db
def test_start_page_uses_the_vendored_frontend(client):
    html = client.get("/").content.decode()
    assert 'href="/static/vendor/nhsuk/nhsuk-frontend.min.css"' in html
    assert 'href="/static/css/app.css"' in html
    assert '<script type="module" src="/static/js/init.js"></script>' in html
    assert 'href="/static/vendor/nhsuk/assets/images/favicon.svg"' in html
    assert 'href="/static/vendor/nhsuk/assets/manifest.json"' in html


@pytest.mark.django_db
def test_service_name_comes_from_settings(client, settings):
    settings.SERVICE_NAME = "VIG North"
    html = client.get("/").content.decode()
    assert "<title>VIG North – NHS</title>" in html
    assert "<h1>VIG North</h1>" in html


# --- Error pages -----------------------------------------------------------------------


@pytest.mark.django_db
def test_missing_page_gets_the_nhs_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found – Video Interaction Guidance – NHS</title>" in html
    assert "<h1>Page not found</h1>" in html
    assert "If you typed the web address, check it was correct." in html
    assert "If you pasted the web address, check you copied the entire address." in html
    assert 'class="nhsuk-header"' in html
    assert 'href="/"' in html


def test_403_page(rf_request):
    response = views.permission_denied(rf_request())
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>You do not have permission to see this page</h1>" in html
    assert "You do not have permission to see this page – Video Interaction Guidance – NHS" in html


def test_500_template_renders_without_a_request_context():
    html = loader.get_template("500.html").render()
    assert "<title>Sorry, there is a problem with the service – " in html
    assert "Video Interaction Guidance – NHS</title>" in html
    assert "<h1>Sorry, there is a problem with the service</h1>" in html
    assert "<p>Try again later.</p>" in html
    assert 'class="nhsuk-header__service-name">Video Interaction Guidance</span>' in html
    # No nonce without a request, so no inline script that CSP would block.
    assert "<script nonce" not in html


def test_500_handler_uses_the_page(rf):
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


# --- Security headers ------------------------------------------------------------------


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert re.search(r"script-src 'self' 'nonce-[^']+'", csp)
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_body_class_script_carries_the_csp_nonce(client):
    response = client.get("/")
    nonce = nonce_in_csp(response)
    scripts = re.findall(r"<script nonce=\"([^\"]+)\">", response.content.decode())
    assert scripts == [nonce]
    # Each response gets a fresh nonce.
    assert nonce_in_csp(client.get("/")) != nonce


@pytest.mark.django_db
def test_no_inline_styles_or_other_inline_scripts(client):
    html = client.get("/").content.decode()
    assert "style=" not in html
    assert "<style" not in html
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all("nonce=" in attributes for attributes in inline_scripts)


# --- Header for signed-in staff ------------------------------------------------------------


@pytest.mark.django_db
def test_header_for_a_practitioner_has_home_and_sign_out(practitioner, rf_request):
    request = rf_request("/staff/", user=practitioner)
    html = loader.render_to_string("start.html", request=request)
    assert 'href="/staff/" aria-label="NHS Video Interaction Guidance homepage"' in html
    assert '<nav class="nhsuk-header__navigation" aria-label="Menu">' in html
    assert re.search(
        r'<a class="nhsuk-header__navigation-link" href="/staff/" aria-current="page">'
        r'<strong class="nhsuk-header__navigation-item-current-fallback">Home</strong></a>',
        html,
    )
    assert "Audit trail" not in html
    assert "Alice Guider" in html
    form = re.search(
        r'<form class="nhsuk-header__account-form" action="([^"]+)" method="post" novalidate>'
        r"(.*?)</form>",
        html,
        re.S,
    )
    assert form, "sign-out form missing"
    assert form.group(1) == "/staff/sign-out/"
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert '<button class="nhsuk-header__account-button">Sign out</button>' in form.group(2)


@pytest.mark.django_db
def test_header_for_a_team_lead_links_to_the_audit_trail(team_lead, rf_request):
    request = rf_request("/", user=team_lead)
    html = loader.render_to_string("start.html", request=request)
    assert '<a class="nhsuk-header__navigation-link" href="/staff/audit/">Audit trail</a>' in html
    # Not on a staff page: no item is marked current.
    assert "aria-current" not in html


@pytest.mark.django_db
def test_pages_can_leave_out_the_navigation(practitioner, rf_request):
    template = loader.get_template("_partials/navigation.html")
    assert "nhsuk-header__navigation" in template.render(
        {"user": practitioner, "request": rf_request("/staff/", user=practitioner)}
    )
    page = Template('{% extends "base.html" %}{% block nav %}{% endblock %}')
    html = page.render(Context({"user": practitioner, "request": rf_request("/", practitioner)}))
    assert "nhsuk-header__navigation" not in html
    assert "Sign out" in html  # the account area stays: people can always sign out


# --- Messages -------------------------------------------------------------------------------


def test_messages_are_notification_banners():
    html = loader.render_to_string(
        "_partials/messages.html",
        {
            "messages": [
                Message(constants.SUCCESS, "Consent recorded"),
                Message(constants.INFO, "Your session will end soon"),
            ]
        },
    )
    assert (
        '<div class="nhsuk-notification-banner nhsuk-notification-banner--success" '
        'data-module="nhsuk-notification-banner" role="alert" '
        'aria-labelledby="notification-banner-title-1">' in html
    )
    assert 'id="notification-banner-title-1">Success</h2>' in html
    assert '<p class="nhsuk-notification-banner__heading">Consent recorded</p>' in html
    assert (
        '<div class="nhsuk-notification-banner" data-module="nhsuk-notification-banner" '
        'role="region" aria-labelledby="notification-banner-title-2">' in html
    )
    assert 'id="notification-banner-title-2">Important</h2>' in html
