"""Micro-analysis and the shared review in a real browser, by keyboard alone, with
axe on every page.

- The guider seeks with ← →, steps a frame with ".", marks in and out with [ and ],
  presses Enter, names and tags the clip, saves it; the clip is cut (inline: tasks
  are eager in tests) and plays in place. "s" takes a still. Typing "s" or "[" in
  a field never fires a shortcut.
- The shared review player shows the clips in the practitioner's order, one at a
  time: → next, ← previous.
"""

import re
import shutil

import pytest
from playwright.sync_api import expect

from films import actions
from films.models import Clip, MomentState, Still
from sessions.models import VisitKind
from tests.e2e.conftest import assert_accessible, visit
from tests.e2e.test_triage import sign_in_as
from tests.factories import TeamFactory, UserFactory
from tests.films import moments as colour
from tests.helpers import attended, give_consent, open_programme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("ffmpeg"), reason="needs ffmpeg"),
]

LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def films_storage(settings, tmp_path):
    root = tmp_path / "private" / "films"
    settings.STORAGES = {
        **settings.STORAGES,
        "films": {**settings.STORAGES["films"], "OPTIONS": {"location": str(root)}},
    }
    return root


@pytest.fixture
def family(tmp_path):
    from films.actions import checking, receive_file

    team = TeamFactory(name="North Locality")
    lead = UserFactory(
        email="tina@trust.invalid", full_name="Tina Lead", team=team, role="team_lead"
    )
    alice = UserFactory(email="alice@trust.invalid", full_name="Alice Guider", team=team)
    programme = open_programme(team.service, team_lead=lead, practitioner=alice)
    give_consent(programme, alice)
    filming = attended(programme, alice, kind=VisitKind.FILMING)
    source = colour.red_then_blue(tmp_path / "bath-time.mp4")

    class Upload:
        name, size = "bath-time.mp4", source.stat().st_size

        def temporary_file_path(self):
            return str(source)

    film = receive_file(visit=filming, by=alice, uploaded_file=Upload(), key=None)
    checking.check_film(film.pk)
    film.refresh_from_db()
    return alice, programme, filming, film


def analysis_url(live_server, programme, filming, film):
    return (
        f"{live_server.url}/staff/programmes/{programme.reference}/visits/"
        f"{filming.public_id}/films/{film.public_id}/analysis/"
    )


def test_marking_a_clip_and_a_still_with_the_keyboard_alone(live_server, page, family):
    alice, programme, filming, film = family
    page.set_viewport_size(LAPTOP)
    sign_in_as(page.context, live_server, alice)
    visit(page, analysis_url(live_server, programme, filming, film))
    expect(page.get_by_text("Mark the start of a clip here")).to_be_visible()
    page.wait_for_function("() => document.querySelector('#analysis-player').readyState >= 1")
    clock = page.locator("#analysis-time")
    start = page.locator("[name=clip-start]")
    end = page.locator("[name=clip-end]")

    page.keyboard.press("ArrowRight")
    expect(clock).to_have_text("0:01.0")
    page.keyboard.press("[")
    expect(start).to_have_value("0:01.000")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press(".")  # one frame on, at 25 frames a second
    expect(clock).to_have_text("0:03.0")
    page.keyboard.press("]")
    expect(end).to_have_value("0:03.040")
    page.keyboard.press("Enter")  # no title yet: the page asks for one
    title = page.locator("[name=clip-title]")
    expect(title).to_be_focused()
    expect(page.locator("[data-analysis-status]")).to_contain_text("Give the clip a title")

    page.keyboard.type("She waits [then smiles]")  # typing never fires a shortcut
    expect(start).to_have_value("0:01.000")
    page.keyboard.press("Tab")  # the first principle: being attentive
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/analysis/#moments$"))
    assert_accessible(page)

    clip = Clip.objects.get()
    assert (clip.start_ms, clip.end_ms, clip.title) == (1_000, 3_040, "She waits [then smiles]")
    assert clip.principles == ["attentive"] and clip.state == MomentState.READY
    player = page.locator(".app-moment__video").first
    player.evaluate("video => { video.muted = true; return video.play(); }")
    page.wait_for_function(
        "() => document.querySelector('.app-moment__video').currentTime > 0.2", timeout=20_000
    )

    # A still at the current frame.
    page.locator("h1").click()  # back to the page, off any field
    page.keyboard.press("ArrowRight")
    page.keyboard.press("s")
    caption = page.locator("[name=still-caption]")
    expect(caption).to_be_focused()
    expect(page.locator("[name=still-at]")).to_have_value(re.compile(r"^0:0\d\.\d{3}$"))
    page.keyboard.type("Eyes meet")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # receiving initiatives
    page.keyboard.press("Space")
    caption.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Still saved")).to_be_visible()
    assert_accessible(page)
    still = Still.objects.get()
    assert still.caption == "Eyes meet" and still.state == MomentState.READY
    assert still.principles == ["receiving"]
    expect(page.locator(".app-moment__still")).to_be_visible()


def test_the_shared_review_player_goes_through_the_clips_in_order(live_server, page, family):
    alice, programme, filming, film = family
    for start, title in ((0, "First"), (2_000, "Second")):
        actions.add_clip(
            film=film,
            start_ms=start,
            end_ms=start + 1_500,
            title=title,
            principles=["attentive"],
            by=alice,
        )
    review = attended(programme, alice, kind=VisitKind.SHARED_REVIEW, days=-1, hour=15)
    page.set_viewport_size(LAPTOP)
    sign_in_as(page.context, live_server, alice)
    visit(page, f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("link", name="Start the shared review").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start the shared review").click()
    counter = page.locator("[data-review-counter]")
    expect(counter).to_have_text("1 of 2: 1. First")
    expect(page.get_by_role("heading", name="2. Second")).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("2 of 2: 2. Second")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("1 of 2: 1. First")
    assert_accessible(page)
    page.get_by_role("button", name="Back to the list").click()
    page.get_by_label("What the parent noticed in this clip (optional)").first.fill("She waited")
    page.get_by_role("button", name="Save what was shown").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Shared review")
    from films.models import ReviewMoment

    rows = list(ReviewMoment.objects.order_by("clip__position"))
    assert [(r.clip.title, r.parent_noticed) for r in rows] == [
        ("First", "She waited"),
        ("Second", ""),
    ]


def test_a_clip_being_cut_is_swapped_in_when_ready(live_server, page, family):
    """The page asks the clip's status URL and shows the clip once it is cut, without
    a reload; the case view is recorded once, for the page."""
    from accounts.models import AuditEvent
    from films.actions import cutting

    alice, programme, filming, film = family
    clip = Clip.objects.create(
        film=film,
        programme=programme,
        start_ms=1_000,
        end_ms=3_000,
        title="Waiting for her",
        principles=["attentive"],
        created_by=alice,
        position=1,
    )
    page.set_viewport_size(LAPTOP)
    sign_in_as(page.context, live_server, alice)
    visit(page, analysis_url(live_server, programme, filming, film))
    item = page.locator(f"#moment-{clip.public_id}")
    expect(item.get_by_text("Cutting", exact=True)).to_be_visible()
    viewed = AuditEvent.objects.filter(action="programme.viewed").count()
    page.evaluate("() => { window.notReloaded = true; }")
    assert cutting.cut("clip", clip.pk, clip.cut_version) == MomentState.READY
    expect(item.locator("video.app-moment__video")).to_be_attached(timeout=20_000)
    expect(page.locator("#moment-status-live")).to_have_text(
        re.compile("Waiting for her: ready to watch")
    )
    assert page.evaluate("() => window.notReloaded") is True
    assert AuditEvent.objects.filter(action="programme.viewed").count() == viewed
    assert_accessible(page)
