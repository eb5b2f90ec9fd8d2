"""The sweep removes clip and still files that no live clip or still names, while
the film stays: a removed clip whose file could not be unlinked, a dead cut."""

import os
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from films import actions
from films.models import FilmState
from films.storage import path_of
from films.sweep import sweep
from tests.films.test_moments import add_clip

pytestmark = pytest.mark.django_db


def age(path, hours=2):
    old = time.time() - hours * 3600
    os.utime(path, (old, old))


def test_a_destroyed_clips_file_left_behind_is_removed_and_the_film_stays(
    film, practitioner, django_capture_on_commit_callbacks
):
    kept = add_clip(film, practitioner, django_capture_on_commit_callbacks, title="Kept")
    gone = add_clip(film, practitioner, django_capture_on_commit_callbacks, title="Gone")
    left = path_of(gone.file.name)
    content = left.read_bytes()
    actions.remove_moment(moment=gone, by=practitioner)
    # The unlink at destruction failed (a full disk, a busy file): the bytes stayed.
    left.write_bytes(content)
    age(left)
    moments = left.parent
    dead_cut = moments / f".{kept.public_id}-9.mp4.1234.part"  # a worker died mid-cut
    dead_cut.write_bytes(b"half")
    age(dead_cut)
    young = moments / f".{kept.public_id}-2.mp4.999.part"  # a cut being written now
    young.write_bytes(b"writing")

    listed = [str(step) for step in sweep(dry_run=True)]
    name = f"{film.folder}/moments/{left.name}"
    assert sorted(listed) == sorted(
        [
            f"Would delete (file {name})",
            f"Would delete (file {film.folder}/moments/{dead_cut.name})",
        ]
    )
    assert left.exists()

    steps = [str(step) for step in sweep()]
    assert f"Deleted (file {name})" in steps and len(steps) == 2
    assert not left.exists() and not dead_cut.exists()
    assert young.exists()
    assert path_of(kept.file.name).exists()
    film.refresh_from_db()
    assert film.state == FilmState.READY and path_of(film.file.name).exists()
    assert sweep(now=timezone.now() + timedelta(minutes=5)) == []
