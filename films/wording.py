"""What the films pages say, in plain English, in one place.

Reasons a film was not accepted are shown to the practitioner on the film's page,
so they say what happened and what to do next, without technical words.
"""

from django.conf import settings

from . import media


def size_text(size):
    """``2 GB``, ``48.8 kB``: whole numbers where they are exact, else one decimal."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def duration_text(seconds):
    """``20 minutes``, ``1 minute 5 seconds``, ``8 seconds``."""
    seconds = int(round(seconds or 0))
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def clock_text(seconds):
    """``4:05`` for a player-style length."""
    seconds = int(round(seconds or 0))
    return f"{seconds // 60}:{seconds % 60:02d}"


def max_size():
    return size_text(settings.FILM_MAX_UPLOAD_BYTES)


def max_length():
    return duration_text(settings.FILM_MAX_SECONDS)


def too_large():
    return (
        f"This film is larger than {max_size()}, the most the service can take. "
        "Trim it on the phone or camera, or film a shorter moment, then upload it again."
    )


def rejection(code, *, duration=None):
    """The reason shown for a film that was not accepted."""
    if code == media.NOT_A_VIDEO:
        return (
            "This file is not a video the service can read. Check you chose the film "
            "itself: a video from a phone, tablet or camera (for example MP4, MOV or WebM)."
        )
    if code == media.NO_VIDEO_STREAM:
        return "This file has sound but no picture. Choose the film itself, not a sound recording."
    if code == media.DAMAGED:
        return (
            "This film is damaged or incomplete. It may not have finished copying from "
            "the phone or camera. Copy it again, check it plays there, then upload it again."
        )
    if code == media.TOO_LONG:
        length = f" is {duration_text(duration)} long. Films" if duration else " is too long. Films"
        return (
            f"This film{length} can be up to {max_length()}. Trim it on the phone or "
            "camera, then upload it again."
        )
    if code == media.TOO_LARGE:
        return too_large()
    return (
        "The service could not make a playable copy of this film. Upload it again; "
        "if the same thing happens, tell your team lead."
    )


EMPTY_FILE = "The selected file is empty. Choose the film you want to upload."
NO_FILE = "Choose the film you want to upload."
UPLOAD_NOT_FINISHED = (
    "The upload did not finish, so the part that arrived has been deleted. Upload the film again."
)
RECORDING_DISCARDED = "You chose not to keep this recording, so it has been deleted."
UPLOAD_CANCELLED = "The upload was cancelled, so the part that arrived has been deleted."
CHECK_TOOK_TOO_LONG = (
    "The service could not finish checking this film. Upload it again; "
    "if the same thing happens, tell your team lead."
)
