"""What every page about a family shares: its context, the audited view of the
case, and the one shape of a form that changes the programme (``attempt``)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from consent.actions import ConsentError

from ..actions import ProgrammeError, record_view
from .access import SAFE, caregiver_of

# The domain's refusals: a rule the change would break, in words to show.
REFUSALS = (ProgrammeError, ConsentError)


def base_context(programme, **extra):
    referral = programme.referral
    return {
        "programme": programme,
        "referral": referral,
        "caregivers": list(referral.caregivers.all()),
        "children": list(referral.children.all()),
        "caregiver": caregiver_of(programme),
        **extra,
    }


def render_page(request, programme, template, *, audit=SAFE, **context):
    """Render a page about the family; showing it (a GET, by default) is an audited
    view of their record. ``audit``: the methods whose showing is audited."""
    if request.method in audit:
        record_view(programme=programme, by=request.user, request=request)
    return render(request, template, base_context(programme, **context))


def explain(refusal):
    """What a page says instead of offering a move the domain refuses ("" if allowed)."""
    return refusal.explanation if refusal is not None else ""


def attempt(request, form, action, *, success=None, then, field=None):
    """Bind → act → report, the shape of every form that changes a programme.

    On a POST whose ``form`` is valid, calls ``action(form.cleaned_data)``. If the
    domain refuses (``ProgrammeError``, ``ConsentError``), its words become an
    error on ``form`` (on ``field``, or the whole form) and None is returned, so
    the page is shown again. Otherwise ``success`` is shown and the redirect to
    ``then`` returned. On a GET, or with errors, returns None.

    ``success`` and ``then`` are values, or functions of what the action returned;
    ``then`` is a URL or anything with ``get_absolute_url``. ``success`` may give
    ``(level, text)`` for a message that isn't a success (a double click that
    sends nothing, say), or None for no message.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        done = action(form.cleaned_data)
    except REFUSALS as refusal:
        form.add_error(field, str(refusal))
        return None
    message = success(done) if callable(success) else success
    if message:
        level, text = message if isinstance(message, tuple) else (messages.SUCCESS, message)
        messages.add_message(request, level, text)
    return redirect(then(done) if callable(then) else then)
