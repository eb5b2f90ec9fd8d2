"""How each caregiver may be contacted: the one place every message asks.

The referral records, per caregiver, how they prefer to be contacted (phone,
text, email, letter by post) and whether it is safe to leave a message. A family who asked to
be phoned, or said no messages may be left, gets no email and no text from the
service at all: their practitioner is given a "phone the family" task instead
(a message read by someone else in the home can put a parent at risk).
"""

from dataclasses import dataclass

from django.conf import settings

from referrals.models import ContactMethod

from .models import Channel


@dataclass(frozen=True)
class Route:
    channel: str
    address: str = ""
    why_not: str = ""

    @property
    def sends(self):
        return self.channel != Channel.NONE


NO_POSTAL_ADDRESS = (
    "they asked for letters, and there is no full postal address with a valid UK "
    "postcode to post one to"
)


def notify_enabled():
    return bool(getattr(settings, "NOTIFY_API_KEY", ""))


def route(caregiver, *, texts=None) -> Route:
    """The channel and address a message to ``caregiver`` goes by, or why none.

    ``texts``: whether texts can be sent at all (GOV.UK Notify configured).
    """
    texts = notify_enabled() if texts is None else texts
    if caregiver is None:
        return Route(Channel.NONE, why_not="there is no parent or carer to write to")
    if caregiver.safe_to_leave_message is False:
        return Route(Channel.NONE, why_not="they asked us not to leave messages")
    if caregiver.preferred_contact == ContactMethod.PHONE:
        return Route(Channel.NONE, why_not="they asked to be phoned")
    if caregiver.preferred_contact == ContactMethod.LETTER:
        # Not an email instead: they chose paper, often because a screen in the home
        # is shared or they have none.
        from .letters import address_lines

        lines = address_lines(caregiver)
        if lines is None:
            return Route(Channel.NONE, why_not=NO_POSTAL_ADDRESS)
        return Route(Channel.LETTER, ", ".join(lines[1:]))
    if caregiver.preferred_contact == ContactMethod.TEXT and caregiver.phone and texts:
        return Route(Channel.TEXT, caregiver.phone)
    if caregiver.email:
        return Route(Channel.EMAIL, caregiver.email)
    if caregiver.phone and texts:
        return Route(Channel.TEXT, caregiver.phone)
    return Route(Channel.NONE, why_not="there is no email address or mobile number to use")


def email_address(caregiver) -> str:
    """The address an email to ``caregiver`` may go to, or "" when none may go.

    For the emails that exist without a text version (acknowledgement, summaries,
    closing letter, withdrawal): a family who prefers texts but gave an email
    address, and allows messages, is emailed. A family who asked for letters is
    not: they chose paper, often because a screen in the home is shared.
    """
    if caregiver is None or not caregiver.email:
        return ""
    if caregiver.safe_to_leave_message is False:
        return ""
    if caregiver.preferred_contact in (ContactMethod.PHONE, ContactMethod.LETTER):
        return ""
    return caregiver.email


def describe(caregiver) -> list[str]:
    """The preferences in words, for the top of the case page."""
    said = []
    if caregiver.preferred_contact:
        said.append(f"Prefers: {caregiver.get_preferred_contact_display().lower()}")
    else:
        said.append("No preferred way of contact given")
    if caregiver.safe_to_leave_message is False:
        said.append("Do not leave messages")
    elif caregiver.safe_to_leave_message:
        said.append("Messages may be left")
    if caregiver.language:
        said.append(f"Language: {caregiver.language}")
    if caregiver.interpreter_needed:
        said.append("Needs an interpreter")
    return said


def why_no_email(caregiver) -> str:
    """Why ``email_address`` gives nothing, in words for a page or a task."""
    if caregiver is None or not caregiver.email:
        return "there is no email address"
    if caregiver.safe_to_leave_message is False:
        return "they asked us not to leave messages"
    if caregiver.preferred_contact == ContactMethod.LETTER:
        return "they asked for letters by post"
    return "they asked to be phoned"


def phone_instead(caregiver, *, key, about, referral, programme=None):
    """A "phone the family" task in place of a message that may not be sent.

    The guider's, or the team leads' before the family has one.
    """
    from django.utils import timezone

    from .models import TaskKind
    from .schedule import add_task

    name = caregiver.full_name if caregiver else "the family"
    reach = _reach(caregiver)
    return add_task(
        key=f"phone:{key}",
        kind=TaskKind.PHONE_FAMILY,
        service=referral.service,
        team=referral.team,
        assignee=programme.guider if programme is not None else None,
        programme=programme,
        referral=referral,
        title=f"{reach} {name}: {about}",
        detail=f"Nothing was {'emailed' if reach != 'Phone' else 'sent in writing'} "
        f"because {why_no_email(caregiver)}.",
        due_on=timezone.localdate(),
    )


def _reach(caregiver):
    """How the task asks the guider to reach them: a family who asked for letters
    may be written to (or phoned); everyone else is phoned."""
    may_write = (
        caregiver is not None
        and caregiver.preferred_contact == ContactMethod.LETTER
        and caregiver.safe_to_leave_message is not False
    )
    return "Write to or phone" if may_write else "Phone"
