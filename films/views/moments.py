"""The micro-analysis page of a ready film, and changing, moving and removing its
clips and stills. For the family's guider and the team's leads (403 for others who
see the family; 404 for anyone else). Every form works without JavaScript.
"""

import time
import uuid

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse

from consent.queries import allowed_now

from .. import actions
from ..access import render_page
from ..moment_access import film_page, get_moment
from ..moment_forms import (
    ChangeClipForm,
    ChangeStillForm,
    ClipForm,
    MoveForm,
    ObservationsForm,
    StillForm,
)
from ..presenters import analysis_context, film_moments, moment_items

POST = ("GET", "HEAD", "POST")

# Without JavaScript the page refreshes itself while a clip is cut (a meta refresh
# to ``?refresh=1``). The visit was recorded when the page was first shown: the
# refreshes of the same film within this long, in the same session, are not
# recorded again. A bare ``?refresh=1`` with no recorded visit still is.
REFRESH_KEY = "films.analysis_viewed"
REFRESH_WINDOW = 30 * 60


def _view_to_record(request, film):
    """Whether showing the page now is a new audited view of the family's record."""
    seen = request.session.get(REFRESH_KEY, {})
    now = time.time()
    key = str(film.public_id)
    if request.GET.get("refresh") and now - seen.get(key, 0) < REFRESH_WINDOW:
        return False
    if request.method == "GET":
        # Keep only recent visits so the session stays small.
        seen = {k: t for k, t in seen.items() if now - t < REFRESH_WINDOW}
        seen[key] = now
        request.session[REFRESH_KEY] = seen
    return True


def analysis_url(film):
    return reverse(
        "films:analysis", args=[film.programme.reference, film.visit.public_id, film.public_id]
    )


def moment_url(moment, name="films:moment"):
    film = moment.film
    return reverse(
        name,
        args=[film.programme.reference, film.visit.public_id, film.public_id, moment.public_id],
    )


def _forms(request, film):
    """The page's three forms; the one that was sent is bound."""
    sent = request.POST.get("form") if request.method == "POST" else None
    fresh = {"key": uuid.uuid4()}
    clip = ClipForm(
        request.POST if sent == "clip" else None, film=film, prefix="clip", initial=fresh
    )
    still = StillForm(
        request.POST if sent == "still" else None,
        film=film,
        prefix="still",
        initial={"key": uuid.uuid4()},
    )
    notes = ObservationsForm(
        request.POST if sent == "notes" else None,
        prefix="notes",
        initial={"observations": film.observations},
    )
    return sent, {"clip": clip, "still": still, "notes": notes}


def _save(request, film, sent, form):
    data = form.cleaned_data
    if sent == "clip":
        actions.add_clip(
            film=film,
            start_ms=data["start"],
            end_ms=data["end"],
            title=data["title"],
            principles=data["principles"],
            note=data["note"],
            key=data["key"],
            by=request.user,
            request=request,
        )
        return "Clip saved. It is being cut"
    if sent == "still":
        actions.add_still(
            film=film,
            at_ms=data["at"],
            caption=data["caption"],
            principles=data["principles"],
            key=data["key"],
            by=request.user,
            request=request,
        )
        return "Still saved"
    actions.save_observations(
        film=film, text=data["observations"], by=request.user, request=request
    )
    return "Observational notes saved"


@film_page(changes=True, methods=POST)
def analysis(request, programme, film):
    allowed = allowed_now(programme)
    blocked = actions.why_not_analyse(film, programme, allowed)
    sent, forms = _forms(request, film)
    form = forms.get(sent)
    if form is not None and not blocked and form.is_valid():
        try:
            message = _save(request, film, sent, form)
        except actions.FilmError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, message)
            return redirect(analysis_url(film) + ("#moments" if sent != "notes" else "#notes"))
    return render_page(
        request,
        programme,
        "films/analysis.html",
        audited=_view_to_record(request, film),
        **analysis_context(
            request, programme, film, forms, sent=sent, blocked=blocked, allowed=allowed
        ),
    )


@film_page(changes=True)
def status(request, programme, film, moment_id):
    """Where a clip or still being cut has got to, for the analysis page's script:
    ``{"state", "title", "html"}``, the html being its item in the list, to swap in. Asked
    every few seconds, so not an audited view of the record (the page was)."""
    moment = get_moment(film, moment_id)
    moments = film_moments(film)
    index = next(i for i, m in enumerate(moments) if m.pk == moment.pk and m.kind == moment.kind)
    editable = not actions.why_not_analyse(film, programme)
    (item,) = moment_items([moments[index]], request.user, where="analysis", editable=editable)
    html = render_to_string(
        "films/_moment_item.html",
        {
            "item": item,
            "number": index + 1,
            "first": index == 0,
            "last": index == len(moments) - 1,
        },
        request=request,
    )
    response = JsonResponse({"state": moment.state, "title": moment.title, "html": html})
    response["Cache-Control"] = "private, no-store"
    return response


def _change_form(request, moment):
    data = request.POST if request.method == "POST" else None
    marks = {
        "for_group_supervision": moment.for_group_supervision,
        "for_training": moment.for_training,
    }
    form = _change_form_for(moment, data, marks)
    # Offer a mark only while the family's consent to that use is in force.
    allowed = allowed_now(moment.programme)
    for field, scope in (
        ("for_group_supervision", "group_supervision"),
        ("for_training", "training"),
    ):
        if not allowed[scope] and not getattr(moment, field):
            del form.fields[field]
    return form


def _change_form_for(moment, data, marks):
    if moment.kind == "clip":
        initial = {
            "start": moment.start_ms,
            "end": moment.end_ms,
            "title": moment.title,
            "principles": moment.principles,
            "note": moment.note,
            **marks,
        }
        return ChangeClipForm(data, film=moment.film, initial=initial)
    initial = {
        "at": moment.at_ms,
        "caption": moment.caption,
        "principles": moment.principles,
        **marks,
    }
    return ChangeStillForm(data, film=moment.film, initial=initial)


def _change(request, moment, data):
    common = {
        "principles": data["principles"],
        "for_group_supervision": data.get("for_group_supervision", False),
        "for_training": data.get("for_training", False),
        "by": request.user,
        "request": request,
    }
    if moment.kind == "clip":
        return actions.change_clip(
            clip=moment,
            start_ms=data["start"],
            end_ms=data["end"],
            title=data["title"],
            note=data["note"],
            **common,
        )
    return actions.change_still(still=moment, at_ms=data["at"], caption=data["caption"], **common)


@film_page(changes=True, methods=POST)
def moment(request, programme, film, moment_id):
    """Change a clip's times, title, tags and note (or a still's): new times cut again."""
    moment = get_moment(film, moment_id)
    blocked = actions.why_not_analyse(film, programme)
    form = _change_form(request, moment)
    if request.method == "POST" and not blocked and form.is_valid():
        try:
            _change(request, moment, form.cleaned_data)
        except actions.FilmError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{moment.kind.capitalize()} changed")
            return redirect(analysis_url(film) + "#moments")
    return render_page(
        request,
        programme,
        "films/moment.html",
        visit=film.visit,
        film=film,
        moment=moment,
        form=form,
        blocked=blocked,
        not_offered=[
            actions.why_not_mark(programme, **{use: True})
            for field, use in (("for_group_supervision", "group"), ("for_training", "training"))
            if field not in form.fields
        ],
        feedback=(
            list(moment.feedback.select_related("written_by")) if moment.kind == "clip" else []
        ),
    )


@film_page(changes=True, methods=("POST",))
def move(request, programme, film, moment_id):
    moment = get_moment(film, moment_id)
    form = MoveForm(request.POST)
    if form.is_valid() and not actions.why_not_analyse(film, programme):
        actions.move_moment(
            moment=moment,
            direction=form.cleaned_data["direction"],
            by=request.user,
            request=request,
        )
    return redirect(analysis_url(film) + f"#moment-{moment.public_id}")


@film_page(changes=True, methods=POST)
def remove(request, programme, film, moment_id):
    moment = get_moment(film, moment_id)
    if request.method == "POST":
        actions.remove_moment(moment=moment, by=request.user, request=request)
        messages.success(request, f"{moment.kind.capitalize()} removed and destroyed")
        return redirect(analysis_url(film) + "#moments")
    return render_page(
        request, programme, "films/moment_remove.html", visit=film.visit, film=film, moment=moment
    )
