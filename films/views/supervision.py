"""Supervision pages (namespace "supervision"), not about one family:

- "Clips to review": a VIG supervisor's supervisees' clips and stills, only from
  families whose consent to showing clips to the supervisor is in force;
- one clip, to play and write feedback on (404 without that consent, and from
  the moment it is withdrawn);
- recording a supervision session;
- accreditation progress: the guider's own.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.permissions import Permission, permission_required

from .. import actions
from ..actions.supervision import record_session, write_feedback
from ..presenters import moment_items
from ..supervision import (
    accreditation_for,
    clip_for_supervisor,
    clips_to_review,
    progress,
    supervisees,
)
from ..supervision_forms import FeedbackForm, SessionForm


@permission_required(Permission.VIEW_SUPERVISEE_CASES)
def clips(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    groups = []
    for guider, moments in clips_to_review(request.user):
        items = moment_items(moments, request.user, where="supervision")
        for item in items:
            if item.is_clip:
                item.review_url = reverse("supervision:clip", args=[item.moment.public_id])
        groups.append((guider, items))
    # Every trainee's progress in one query.
    trainees = accreditation_for(supervisees(request.user)).values()
    return render(
        request, "films/supervision/clips.html", {"groups": groups, "progress": list(trainees)}
    )


@permission_required(Permission.VIEW_SUPERVISEE_CASES)
def clip(request, clip_id):
    clip = clip_for_supervisor(request.user, clip_id)
    if clip is None:
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            write_feedback(
                clip=clip, text=form.cleaned_data["text"], by=request.user, request=request
            )
        except actions.FilmError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, "Feedback saved. The trainee can read it now")
            return redirect("supervision:clip", clip_id=clip.public_id)
    item = moment_items([clip], request.user, where="supervision")[0]
    return render(
        request,
        "films/supervision/clip.html",
        {
            "item": item,
            "clip": clip,
            "form": form,
            "feedback": list(clip.feedback.select_related("written_by")),
        },
    )


@permission_required(Permission.VIEW_SUPERVISEE_CASES)
def session_add(request):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    trainees = list(supervisees(request.user))
    clip_rows = [
        m for _, moments in clips_to_review(request.user) for m in moments if m.kind == "clip"
    ]
    form = SessionForm(
        request.POST if request.method == "POST" else None, trainees=trainees, clips=clip_rows
    )
    if request.method == "POST" and form.is_valid():
        supervisee, chosen = form.chosen()
        try:
            record_session(
                supervisor=request.user,
                supervisee=supervisee,
                held_on=form.cleaned_data["held_on"],
                duration_minutes=form.cleaned_data["duration_minutes"],
                clips=chosen,
                notes=form.cleaned_data["notes"],
                request=request,
            )
        except actions.FilmError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Supervision session recorded")
            return redirect("supervision:clips")
    return render(request, "films/supervision/session.html", {"form": form})


def my_progress(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return render(request, "films/supervision/progress.html", {"mine": progress(request.user)})
