"""Films in a real browser, on a phone-sized screen, with axe on every page.

- Upload with the progress bar, surviving a dropped connection (one chunk's
  request is cut off; the page waits, asks where it got to and carries on).
- The same page with JavaScript off: the plain file form.
- Recording with Chromium's fake camera: chunks go up as it records, the
  preview plays from the server, "Keep this film" sends it for checking.
- The player plays and seeks; the play is audited once.

Checking runs inline here (tasks are eager in tests), within the request that
sends the last byte.
"""

import re
import shutil
import time

import pytest
from playwright.sync_api import expect

from accounts.models import AuditEvent
from films.models import Film, FilmState
from sessions.models import VisitKind
from tests.e2e.conftest import CHROMIUM, PHONE, assert_accessible, visit
from tests.e2e.test_triage import sign_in_as
from tests.factories import TeamFactory, UserFactory
from tests.films import media
from tests.helpers import attended, give_consent, open_programme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("ffmpeg"), reason="needs ffmpeg"),
]


@pytest.fixture(autouse=True)
def films_storage(settings, tmp_path):
    root = tmp_path / "private" / "films"
    settings.STORAGES = {
        **settings.STORAGES,
        "films": {**settings.STORAGES["films"], "OPTIONS": {"location": str(root)}},
    }
    return root


@pytest.fixture
def family():
    team = TeamFactory(name="North Locality")
    lead = UserFactory(
        email="tina@trust.invalid", full_name="Tina Lead", team=team, role="team_lead"
    )
    alice = UserFactory(email="alice@trust.invalid", full_name="Alice Guider", team=team)
    programme = open_programme(team.service, team_lead=lead, practitioner=alice)
    give_consent(programme, alice)
    filming = attended(programme, alice, kind=VisitKind.FILMING)
    return alice, programme, filming


def films_page(live_server, programme, filming, path=""):
    family_path = f"/staff/programmes/{programme.reference}/visits/{filming.public_id}"
    return f"{live_server.url}{family_path}/films/{path}"


def choose_film(page, path):
    """As a person does: select the file control, pick the film in the chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_label("Choose the film").click()
    chooser.value.set_files(str(path))


def wait_until_ready(page):
    expect(page.get_by_role("heading", level=1)).to_contain_text("Film")
    expect(page.locator("main .nhsuk-tag").first).to_have_text("Ready", timeout=60_000)


def test_upload_with_progress_survives_a_dropped_connection(
    live_server, page, family, tmp_path, monkeypatch
):
    from films.views import uploads

    monkeypatch.setattr(uploads, "CHUNK_BYTES", 32 * 1024)  # many chunks for a small film
    alice, programme, filming = family
    film_file = media.h264_mp4(tmp_path / "bath-time.mp4", seconds=4)
    sign_in_as(page.context, live_server, alice)

    dropped = []

    def flaky(route):
        # The third chunk's connection drops once; the others go a little slowly,
        # so the progress bar can be seen moving.
        request = route.request
        if request.method == "PATCH":
            offset = int(request.headers.get("upload-offset", "0"))
            if not dropped and offset >= 2 * 32 * 1024:
                dropped.append(offset)
                route.abort("internetdisconnected")
                return
            time.sleep(0.15)
        route.continue_()

    page.route(re.compile(r".*/films/uploads/.*"), flaky)
    visit(page, films_page(live_server, programme, filming))
    page.get_by_role("button", name="Add a film").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add a film")
    assert_accessible(page)

    choose_film(page, film_file)
    page.get_by_role("button", name="Upload film").click()
    progress = page.locator("[data-film-progress]")
    expect(progress).to_be_visible()
    expect(progress).to_contain_text(re.compile(r"\d+% uploaded \(\d+\.\d MB of 0\.\d MB\)"))
    expect(page.locator("[data-film-announcer]")).to_have_text(re.compile("uploaded"))
    assert_accessible(page)

    page.wait_for_url(re.compile(r"/films/[0-9a-f-]{36}/$"), timeout=60_000)
    wait_until_ready(page)
    assert_accessible(page)
    assert dropped, "the test never cut a chunk off"
    film = Film.objects.get()
    assert film.state == FilmState.READY
    assert film.original_size == film_file.stat().st_size


def test_upload_with_javascript_off(live_server, browser, page, family, tmp_path):
    from tests.e2e.test_referral_journeys import checked_as_served

    alice, programme, filming = family
    film_file = media.h264_mp4(tmp_path / "garden.mp4", seconds=2)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    no_js = context.new_page()
    sign_in_as(context, live_server, alice)
    sign_in_as(page.context, live_server, alice)
    check = checked_as_served(page)
    try:
        no_js.goto(films_page(live_server, programme, filming, "add/"))
        check(no_js)
        expect(no_js.get_by_role("button", name="Record film")).to_be_hidden()
        no_js.get_by_role("button", name="Upload film").click()
        expect(no_js.locator(".nhsuk-error-summary").first).to_contain_text(
            "Choose the film you want to upload."
        )
        check(no_js)
        no_js.get_by_label("Choose the film").set_input_files(str(film_file))
        no_js.get_by_role("button", name="Upload film").click()
        wait_until_ready(no_js)
        expect(no_js.locator("video")).to_be_attached()
        check(no_js)
        assert Film.objects.get().state == FilmState.READY
    finally:
        context.close()


@pytest.fixture
def camera_browser(playwright, browser_type_launch_args):
    args = [*browser_type_launch_args["args"], "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream"]  # fmt: skip
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    yield browser
    browser.close()


def test_recording_with_the_camera(live_server, camera_browser, family):
    alice, programme, filming = family
    context = camera_browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in_as(context, live_server, alice)
    visit(page, films_page(live_server, programme, filming, "add/"))
    page.get_by_role("button", name="Record film").click()
    expect(page.get_by_role("button", name="Stop recording")).to_be_visible()
    expect(page.locator("[data-film-record-time]")).to_have_text("0:03", timeout=10_000)
    assert_accessible(page)
    page.get_by_role("button", name="Stop recording").click()
    expect(page.get_by_role("button", name="Keep this film")).to_be_visible(timeout=20_000)
    preview = page.locator("[data-film-preview]")
    expect(preview).to_be_visible()
    assert preview.evaluate("v => v.src").split("?")[0].endswith("/preview/")
    assert_accessible(page)
    film = Film.objects.get()
    assert film.state == FilmState.RECEIVING and film.upload.offset > 0
    page.get_by_role("button", name="Keep this film").click()
    page.wait_for_url(re.compile(r"/films/[0-9a-f-]{36}/$"), timeout=60_000)
    wait_until_ready(page)
    assert_accessible(page)
    film.refresh_from_db()
    assert film.source == "recording" and film.duration_seconds > 2
    context.close()


def test_the_player_plays_and_seeks(live_server, page, family, tmp_path):
    from films.actions import checking, receive_file

    alice, programme, filming = family
    source = media.h264_mp4(tmp_path / "play.mp4", seconds=6)

    class Upload:
        name, size = "play.mp4", source.stat().st_size

        def temporary_file_path(self):
            return str(source)

    film = receive_file(visit=filming, by=alice, uploaded_file=Upload(), key=None)
    checking.check_film(film.pk)
    sign_in_as(page.context, live_server, alice)
    visit(page, films_page(live_server, programme, filming, f"{film.public_id}/"))
    player = page.locator("#film-player")
    expect(player).to_be_visible()
    assert player.evaluate("v => v.canPlayType('video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"')")
    player.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('#film-player').currentTime > 0.3")
    player.evaluate(
        "v => new Promise(done => { v.addEventListener('seeked', done, {once: true});"
        " v.currentTime = 4.5; })"
    )
    assert player.evaluate("v => v.currentTime") == pytest.approx(4.5, abs=0.3)
    page.wait_for_function("() => document.querySelector('#film-player').readyState >= 2")
    assert_accessible(page)
    assert AuditEvent.objects.filter(action="film.played").count() == 1
