"""Clips and stills: marked through actions, cut by real ffmpeg, exact to the frame,
idempotent, refused when they make no sense, and destroyed with their film's consent."""

import uuid

import pytest
from django.db import IntegrityError

from accounts.models import AuditEvent
from consent.actions import withdraw_consent
from consent.models import Scope
from films import actions
from films.actions import cutting
from films.models import Clip, MomentDestruction, MomentState, Still
from films.storage import path_of
from tests.films import moments as media

pytestmark = pytest.mark.django_db

FRAME = 1 / media.RATE


def add_clip(film, by, capture, **kwargs):
    values = {
        "start_ms": 1_000,
        "end_ms": 3_500,
        "title": "She waits for him",
        "principles": ["attentive", "encouraging"],
        "note": "Mum leans in and waits; he babbles.",
        **kwargs,
    }
    with capture(execute=True):
        clip = actions.add_clip(film=film, by=by, **values)
    clip.refresh_from_db()
    return clip


def add_still(film, by, capture, at_ms, **kwargs):
    with capture(execute=True):
        still = actions.add_still(
            film=film,
            at_ms=at_ms,
            caption="Looking at each other",
            principles=["receiving"],
            by=by,
            **kwargs,
        )
    still.refresh_from_db()
    return still


def test_a_clip_is_cut_exactly_within_one_frame(
    film, practitioner, django_capture_on_commit_callbacks
):
    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    assert clip.state == MomentState.READY
    assert clip.file.name.endswith(f"moments/{clip.public_id}-1.mp4")
    duration, frames, codec = media.video_duration(path_of(clip.file.name))
    assert codec == "h264"
    assert abs(duration - 2.5) <= FRAME
    assert abs(frames - 2.5 * media.RATE) <= 1
    assert clip.size == path_of(clip.file.name).stat().st_size
    assert AuditEvent.objects.filter(action="moment.cut", target_id=str(clip.pk)).count() == 1


def test_a_clip_starts_on_the_frame_asked_for(
    film, practitioner, django_capture_on_commit_callbacks, tmp_path
):
    # Starting on the change from red to blue: the clip's first frame is blue.
    start = media.CHANGE_FRAME * 40  # ms
    clip = add_clip(
        film, practitioner, django_capture_on_commit_callbacks, start_ms=start, end_ms=start + 1500
    )
    first = tmp_path / "first.png"
    media.ffmpeg("-i", str(path_of(clip.file.name)), "-frames:v", "1", str(first))
    red, green, blue = media.colour_of(first)
    assert blue > 200 and red < 60


def test_a_still_is_the_frame_at_its_time(film, practitioner, django_capture_on_commit_callbacks):
    before = add_still(film, practitioner, django_capture_on_commit_callbacks, at_ms=1_440)
    after = add_still(film, practitioner, django_capture_on_commit_callbacks, at_ms=1_480)
    assert before.state == after.state == MomentState.READY
    assert before.file.name.endswith(".jpg")
    red, _, blue = media.colour_of(path_of(before.file.name))
    assert red > 200 and blue < 60  # frame 36: the last red one
    red, _, blue = media.colour_of(path_of(after.file.name))
    assert blue > 200 and red < 60  # frame 37: the first blue one


def test_a_redelivered_cut_recuts_nothing_that_is_ready(
    film, practitioner, django_capture_on_commit_callbacks
):
    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    stamp = path_of(clip.file.name).stat().st_mtime_ns
    assert cutting.cut("clip", clip.pk, clip.cut_version) is None
    assert path_of(clip.file.name).stat().st_mtime_ns == stamp
    assert AuditEvent.objects.filter(action="moment.cut").count() == 1


def test_changing_the_times_cuts_again_and_drops_the_old_cut(
    film, practitioner, django_capture_on_commit_callbacks
):
    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    old = path_of(clip.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_clip(
            clip=clip,
            start_ms=2_000,
            end_ms=3_000,
            title=clip.title,
            principles=clip.principles,
            note=clip.note,
            by=practitioner,
        )
    clip.refresh_from_db()
    assert clip.state == MomentState.READY and clip.cut_version == 2
    assert not old.exists()
    assert abs(media.video_duration(path_of(clip.file.name))[0] - 1.0) <= FRAME
    # An old task for the first cut, delivered late, does nothing.
    assert cutting.cut("clip", clip.pk, 1) is None


def test_changing_only_the_words_keeps_the_cut(
    film, practitioner, django_capture_on_commit_callbacks
):
    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    actions.change_clip(
        clip=clip,
        start_ms=clip.start_ms,
        end_ms=clip.end_ms,
        title="Waiting",
        principles=["attentive"],
        by=practitioner,
    )
    clip.refresh_from_db()
    assert clip.state == MomentState.READY and clip.cut_version == 1 and clip.title == "Waiting"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (3_000, 2_000, "The end must be after the start"),
        (2_000, 2_000, "The end must be after the start"),
        (5_000, 7_000, "The end must be within the film"),
        (1_000, 1_500, "A clip must be at least 1 second long"),
    ],
)
def test_clips_that_make_no_sense_are_refused(film, practitioner, start, end, message):
    with pytest.raises(actions.FilmError, match=message):
        actions.add_clip(
            film=film,
            start_ms=start,
            end_ms=end,
            title="x",
            principles=["guiding"],
            by=practitioner,
        )
    assert not Clip.objects.exists()


def test_an_overlong_clip_is_refused(film, practitioner, settings):
    settings.CLIP_MAX_SECONDS = 2
    with pytest.raises(actions.FilmError, match="A clip must be 2 seconds long or shorter"):
        actions.add_clip(
            film=film, start_ms=0, end_ms=2_100, title="x", principles=["guiding"], by=practitioner
        )


@pytest.mark.parametrize("principles", [[], ["kindness"], ["attentive", "kindness"]])
def test_principles_come_from_the_code_list(film, practitioner, principles):
    with pytest.raises(actions.FilmError, match="Choose at least one of the principles"):
        actions.add_clip(
            film=film, start_ms=0, end_ms=2_000, title="x", principles=principles, by=practitioner
        )


def test_a_film_that_is_not_ready_takes_no_clips(film, practitioner):
    film.state = "checking"
    film.save(update_fields=["state"])
    with pytest.raises(actions.FilmError, match="once the film has been checked"):
        actions.add_clip(
            film=film, start_ms=0, end_ms=2_000, title="x", principles=["guiding"], by=practitioner
        )


def test_a_double_clicked_save_makes_one_clip(
    film, practitioner, django_capture_on_commit_callbacks
):
    key = uuid.uuid4()
    first = add_clip(film, practitioner, django_capture_on_commit_callbacks, key=key)
    second = add_clip(film, practitioner, django_capture_on_commit_callbacks, key=key)
    assert first.pk == second.pk
    assert Clip.objects.count() == 1


def test_the_database_refuses_a_clip_ending_before_it_starts(film, practitioner):
    with pytest.raises(IntegrityError):
        Clip.objects.create(
            film=film,
            programme=film.programme,
            start_ms=2_000,
            end_ms=1_000,
            title="x",
            created_by=practitioner,
        )


def test_clips_and_stills_share_one_order_and_move(
    film, practitioner, django_capture_on_commit_callbacks
):
    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    still = add_still(film, practitioner, django_capture_on_commit_callbacks, at_ms=500)
    assert (clip.position, still.position) == (1, 2)
    actions.move_moment(moment=still, direction="up", by=practitioner)
    clip.refresh_from_db()
    still.refresh_from_db()
    assert (still.position, clip.position) == (1, 2)
    # Moving the first up changes nothing.
    actions.move_moment(moment=still, direction="up", by=practitioner)
    still.refresh_from_db()
    assert still.position == 1


def test_removing_a_clip_destroys_its_file_with_proof(
    film, practitioner, django_capture_on_commit_callbacks
):
    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    path = path_of(clip.file.name)
    actions.remove_moment(moment=clip, by=practitioner)
    clip.refresh_from_db()
    assert clip.state == MomentState.DESTROYED and not clip.file and not path.exists()
    proof = MomentDestruction.objects.get(public_id=clip.public_id)
    assert (proof.why, proof.start_ms, proof.end_ms) == ("removed", 1_000, 3_500)


def test_withdrawing_filming_destroys_clips_and_stills_with_proof(
    film, practitioner, django_capture_on_commit_callbacks
):
    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    still = add_still(film, practitioner, django_capture_on_commit_callbacks, at_ms=500)
    paths = [path_of(clip.file.name), path_of(still.file.name)]
    programme = film.programme
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(
            programme=programme,
            caregiver=programme.referral.caregivers.first(),
            scopes=[Scope.KEEP_FILM],
            reason="Changed my mind",
            by=practitioner,
        )
    assert not any(path.exists() for path in paths)
    assert set(Clip.objects.values_list("state", flat=True)) == {"destroyed"}
    assert set(Still.objects.values_list("state", flat=True)) == {"destroyed"}
    proofs = MomentDestruction.objects.order_by("kind")
    assert [(p.kind, p.why) for p in proofs] == [("clip", "withdrawal"), ("still", "withdrawal")]
    assert AuditEvent.objects.filter(action="moment.destroyed").count() == 2


def test_marks_for_group_supervision_and_training_follow_consent(
    film, practitioner, django_capture_on_commit_callbacks
):
    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    fields = {
        "start_ms": clip.start_ms,
        "end_ms": clip.end_ms,
        "title": clip.title,
        "principles": clip.principles,
    }
    actions.change_clip(
        clip=clip, for_group_supervision=True, for_training=True, by=practitioner, **fields
    )
    programme = film.programme
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(
            programme=programme,
            caregiver=programme.referral.caregivers.first(),
            scopes=[Scope.TRAINING],
            reason="Not for training",
            by=practitioner,
        )
    clip.refresh_from_db()
    assert clip.for_group_supervision and not clip.for_training
    assert clip.state == MomentState.READY  # the film and its clips stay
    with pytest.raises(actions.FilmError, match="used in training"):
        actions.change_clip(clip=clip, for_training=True, by=practitioner, **fields)
    assert AuditEvent.objects.filter(action="moment.unmarked").count() == 1


def test_retention_destroys_clips_and_stills_with_their_film(
    film, practitioner, django_capture_on_commit_callbacks
):
    from films.actions import destroy_film
    from films.models import Why

    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    still = add_still(film, practitioner, django_capture_on_commit_callbacks, at_ms=500)
    destroy_film(film=film, why=Why.RETENTION, label="films sweep")
    for moment in (clip, still):
        moment.refresh_from_db()
        assert moment.state == MomentState.DESTROYED
        proof = MomentDestruction.objects.get(public_id=moment.public_id)
        assert (proof.why, proof.destroyed_by_label) == ("retention", "films sweep")


def test_the_sweep_leaves_a_ready_films_clips_alone(
    film, practitioner, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from films.sweep import sweep

    clip = add_clip(film, practitioner, django_capture_on_commit_callbacks)
    assert sweep(now=timezone.now() + timedelta(days=2)) == []
    assert path_of(clip.file.name).exists()
