"""The family's preferred language in what we send (ADR 0014).

``caregiver.language`` is free text and ``interpreter_needed`` a flag. A message
goes in the family's language only through a GOV.UK Notify template that a
translator wrote and the service checked (``NOTIFY_TRANSLATED_TEMPLATES``, by
language name); we never translate words ourselves. Otherwise it goes in
English, and when the family needs an interpreter or prefers another language
their guider is given one task per visit to explain it through an interpreter.
"""

from django.conf import settings
from django.utils import timezone

from . import wording
from .models import TaskKind
from .schedule import add_task

ENGLISH = {"", "english", "en", "british english", "english (uk)"}

# Notify's template ids in English, by channel.
SETTINGS = {
    "text": "NOTIFY_TEMPLATES",
    "email": "NOTIFY_EMAIL_TEMPLATES",
    "letter": "NOTIFY_LETTER_TEMPLATES",
}


def name(caregiver):
    return " ".join((caregiver.language or "").split()).casefold()


def is_english(caregiver):
    return name(caregiver) in ENGLISH


def template_for(kind, template_key, caregiver):
    """(Notify template id, whether it is in the family's own language).

    A translated template when one is configured for the language, else English
    (an id of "" when the English one is not configured either).
    """
    if not is_english(caregiver):
        translated = getattr(settings, "NOTIFY_TRANSLATED_TEMPLATES", {}).get(name(caregiver), {})
        template_id = translated.get(kind, {}).get(template_key, "")
        if template_id:
            return template_id, True
    english = getattr(settings, SETTINGS[kind], {}).get(template_key, "")
    return english, is_english(caregiver)


def needs_explaining(caregiver, in_their_language):
    return not in_their_language or (caregiver.interpreter_needed and is_english(caregiver))


def explain_through_interpreter(caregiver, about):
    """Once per visit and caregiver, however many messages the visit brings."""
    visit = about["visit"]
    programme = visit.programme
    language = caregiver.language.strip() if not is_english(caregiver) else ""
    why = f"They prefer {language}" if language else "They need an interpreter"
    if language and caregiver.interpreter_needed:
        why += " and need an interpreter"
    return add_task(
        key=f"interpret:{visit.public_id}:{caregiver.pk}",
        kind=TaskKind.INTERPRET,
        service=about["service"],
        team=programme.referral.team,
        assignee=programme.guider,
        programme=programme,
        referral=programme.referral,
        visit=visit,
        title=f"Explain the visit to {caregiver.full_name} through an interpreter",
        detail=f"{why}. We wrote to them in English about their visit on "
        f"{wording.when(visit)}: book an interpreter and make sure they understood.",
        due_on=timezone.localdate(),
    )
