"""What the micro-analysis, shared review and supervision pages show of clips and stills.

``MomentItem`` wraps a clip or still with its words (times, principles in plain
words) and its addresses: the player's, with a play token so each showing is
audited once (``films.tokens``), and the pages to change, move or remove it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from .actions import film_may_be_kept
from .models import Clip, MomentState, Still
from .models.moments import PRINCIPLE_HINTS, Principle
from .timecode import format_length, format_time
from .tokens import play_token

# Keys the micro-analysis player answers to, shown on the page (and used by its script).
SHORTCUTS = [
    ("Space", "Play or pause"),
    (",", "One frame back (while paused)"),
    (".", "One frame forward (while paused)"),
    ("← ", "One second back"),
    ("→", "One second forward"),
    ("[", "Mark the start of a clip here"),
    ("]", "Mark the end of a clip here"),
    ("s", "Take a still at this frame"),
    ("Enter", "Save the marked clip"),
]

REVIEW_SHORTCUTS = [
    ("→", "Next clip or still"),
    ("←", "Previous clip or still"),
    ("Space", "Play or pause"),
    ("f", "Full screen"),
]


@dataclass
class MomentItem:
    moment: Clip | Still
    play_url: str = ""
    change_url: str = ""
    move_url: str = ""
    remove_url: str = ""
    # While it is cut: where the analysis page asks for it again (films:moment_status).
    status_url: str = ""

    @property
    def kind(self):
        return self.moment.kind

    @property
    def is_clip(self):
        return self.moment.kind == "clip"

    @property
    def ready(self):
        return self.moment.state == MomentState.READY

    @property
    def title(self):
        return self.moment.title

    @property
    def when(self):
        m = self.moment
        if self.is_clip:
            return (
                f"{format_time(m.start_ms)} to {format_time(m.end_ms)} "
                f"({format_length(m.end_ms - m.start_ms)})"
            )
        return f"at {format_time(m.at_ms)}"

    @property
    def principles(self):
        return [
            (Principle(code).label, PRINCIPLE_HINTS[Principle(code)])
            for code in Principle.values
            if code in self.moment.principles
        ]


def _args(moment):
    film = moment.film
    return [film.programme.reference, film.visit.public_id, film.public_id, moment.public_id]


def moment_items(moments, user, *, where, editable=False):
    """``MomentItem``s for moments whose ``film`` (with visit and programme) is set."""
    items = []
    for moment in moments:
        args = _args(moment)
        item = MomentItem(moment)
        if moment.state == MomentState.READY:
            token = play_token(moment, user)
            item.play_url = f"{reverse('films:moment_play', args=args)}?t={token}&w={where}"
        if editable:
            item.change_url = reverse("films:moment", args=args)
            item.move_url = reverse("films:moment_move", args=args)
            item.remove_url = reverse("films:moment_remove", args=args)
            if moment.state == MomentState.CUTTING:
                item.status_url = reverse("films:moment_status", args=args)
        items.append(item)
    return items


def film_moments(film):
    """A film's live clips and stills in the review's order, with how many notes of
    supervision feedback each clip has: two queries."""
    found = []
    # Only how many: the feedback itself is on the clip's own page.
    clips = Clip.objects.filter(film=film).live().annotate(feedback_count=Count("feedback"))
    for rows in (clips, Still.objects.filter(film=film).live()):
        for moment in rows:
            moment.film, moment.programme = film, film.programme
            found.append(moment)
    return sorted(found, key=lambda m: (m.position, m.created_at, m.kind, m.pk))


def analysis_context(request, programme, film, forms, *, sent, blocked, allowed):
    from .actions import why_not_mark

    kept = film_may_be_kept(programme, allowed)
    items = moment_items(film_moments(film), request.user, where="analysis", editable=not blocked)
    playable = film.state == "ready" and kept
    token = play_token(film, request.user) if playable else ""
    return {
        "visit": film.visit,
        "film": film,
        "blocked": blocked,
        "forms": forms,
        "clip_form": forms["clip"],
        "still_form": forms["still"],
        "notes_form": forms["notes"],
        "sent_form": forms.get(sent),
        "items": items,
        "cutting": any(item.moment.state == MomentState.CUTTING for item in items),
        "playable": playable,
        "token": token,
        "frame_rate": film.frame_rate or 25,
        "shortcuts": SHORTCUTS,
        "min_seconds": settings.CLIP_MIN_SECONDS,
        "max_seconds": settings.CLIP_MAX_SECONDS,
        "duration": format_time(round((film.duration_seconds or 0) * 1000)),
        "marks_blocked": why_not_mark(programme, group=True, allowed=allowed),
    }
