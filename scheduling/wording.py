"""What the messages to families say, in plain English (and nothing more than
the family already knows: the home address goes only to the family)."""

from django.utils import timezone

from sessions.models import Mechanism, Place, VisitKind

FILMING_EXPECT = (
    "What to expect at a filming visit: your guider will film you and your child "
    "doing something you enjoy together, for about 10 minutes. You don't need to "
    "prepare anything. Only the guider and you will watch the film."
)

KIND_NAMES = {
    VisitKind.FIRST_MEETING: "first meeting",
    VisitKind.PRE_VIG: "visit",
    VisitKind.FILMING: "filming visit",
    VisitKind.SHARED_REVIEW: "shared review (watching the film together)",
    VisitKind.ENDING: "ending conversation",
    VisitKind.OTHER: "visit",
}


def when(visit):
    local = timezone.localtime(visit.starts_at)
    return f"{local:%A %-d %B %Y} at {local:%-I:%M%p}".replace("AM", "am").replace("PM", "pm")


def where(visit, caregiver):
    if visit.mechanism == Mechanism.TELEPHONE:
        return "by phone: we will call you"
    if visit.mechanism == Mechanism.VIDEO:
        return "by video call: we will send you the link"
    if visit.place == Place.HOME:
        address = ", ".join(
            filter(None, [caregiver.address.replace("\n", ", ").strip(), caregiver.postcode])
        )
        return f"at your home ({address})" if address else "at your home"
    detail = visit.place_detail or visit.get_place_display()
    return f"at {detail}"


def first_name(user):
    return (user.full_name or "your guider").split()[0]


def subject_and_intro(event, visit, days=None):
    kind = KIND_NAMES.get(visit.kind, "visit")
    if event == "booked":
        return f"Your {kind} is booked", f"We have booked your {kind}."
    if event == "changed":
        return f"Your {kind} has changed", f"We have changed your {kind}. The new time is below."
    if event == "cancelled":
        return f"Your {kind} is cancelled", f"Your {kind} on {when(visit)} is cancelled."
    return (
        f"Reminder: your {kind} in {days} days",
        f"This is a reminder of your {kind} in {days} days.",
    )


def email_body(event, visit, caregiver, *, service, link_url="", days=None):
    _subject, intro = subject_and_intro(event, visit, days)
    lines = [f"Dear {caregiver.first_name},", "", intro, ""]
    if event != "cancelled":
        lines += [
            f"When: {when(visit)}",
            f"Where: {where(visit, caregiver)}",
            f"With: {first_name(visit.practitioner)} from {service.name}",
            "",
        ]
        if visit.kind == VisitKind.FILMING:
            lines += [FILMING_EXPECT, ""]
        if link_url:
            lines += [
                "To confirm, ask to change the time, or cancel, use this link:",
                link_url,
                "",
            ]
    contact = " or ".join(filter(None, [service.contact_phone, service.contact_email]))
    if contact:
        lines += [f"If you have a question, contact us on {contact}.", ""]
    lines += [service.name]
    return "\n".join(lines)


def text_personalisation(event, visit, caregiver, *, service, link_url="", days=None):
    """What a Notify text template is filled with (``((intro))``, ``((when))``…)."""
    _subject, intro = subject_and_intro(event, visit, days)
    return {
        "first_name": caregiver.first_name,
        "intro": intro,
        "when": when(visit),
        "where": where(visit, caregiver),
        "link": link_url,
        "service": service.name,
    }
