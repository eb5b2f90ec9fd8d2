"""A finished journey's answers: the rows of "Check your answers", and what is sent."""

from vig_service.templatetags.nhsuk import anchor_id

from .. import public_forms as pf
from ..actions import CaregiverDetails, ChildDetails, ReferralDetails
from ..codes import ReferralSource
from ..models import Route
from ..validation import format_nhs_number
from .flows import OTHER_ROLE, SECTIONS


def summary_sections(journey, progress):
    """``[{"title", "rows", "add_child_url"}]``; a row has a label, a value, and links."""
    rows_by_section = {key: [] for key, _title in SECTIONS[journey.route]}
    for result in progress.results:
        form = result.form
        change_url = journey.step_url(result.step.name, change=True)
        for label, value, *name in form.summary(form.cleaned_data):
            rows_by_section[result.step.section].append(
                {"label": label, "value": value, "change_url": _to_field(form, change_url, name)}
            )
        if result.step.lists_children:
            rows_by_section["children"].extend(_other_children_rows(journey, progress))
    can_add = len(progress.children) < pf.MAX_OTHER_CHILDREN
    return [
        {
            "title": title,
            "rows": rows_by_section[key],
            "add_child_url": journey.url("add_child") + "?change=1"
            if key == "children" and can_add
            else "",
        }
        for key, title in SECTIONS[journey.route]
        if rows_by_section[key]
    ]


def _to_field(form, url, name):
    """On a page of several questions, "Change" goes to the question itself."""
    if not getattr(form, "grouped", False) or not name or name[0] not in form.fields:
        return url
    return f"{url}#{anchor_id(form[name[0]])}"


def _other_children_rows(journey, progress):
    if not progress.children:
        return [{"label": "Other children", "value": "None added"}]
    rows = []
    for index, child in enumerate(progress.children):
        value = f"Born {pf.long_date(child['date_of_birth'])}"
        if child["nhs_number"]:
            value += f"\nNHS number {format_nhs_number(child['nhs_number'])}"
        rows.append(
            {
                "label": f"{child['first_name']} {child['last_name']}".strip(),
                "value": value,
                "change_url": journey.url("edit_child", index=index) + "?change=1",
                "remove_url": journey.url("remove_child", index=index) + "?change=1",
            }
        )
    return rows


def build(journey, progress):
    """The answers as ``(source, CaregiverDetails, ReferralDetails)`` to submit."""
    a = progress.answers
    born = a.get("born", True)  # not asked: the service only takes born children
    children = [
        ChildDetails(
            first_name=a["child_first_name"],
            last_name=a["child_last_name"],
            date_of_birth=a["date_of_birth"] if born else None,
            due_date=None if born else a["due_date"],
            nhs_number=a.get("child_nhs_number", "") if born else "",
        )
    ]
    children += [
        ChildDetails(
            first_name=child["first_name"],
            last_name=child["last_name"],
            date_of_birth=child["date_of_birth"],
            nhs_number=child["nhs_number"],
        )
        for child in progress.children
    ]
    caregiver = CaregiverDetails(
        first_name=a["first_name"],
        last_name=a["last_name"],
        relationship=a["relationship"],
        relationship_other=a.get("relationship_other", ""),
        pronouns=a["pronouns"],
        postcode=a["postcode"],
        phone=a["phone"],
        email=a["email"],
        preferred_contact=a["preferred_contact"],
        safe_to_leave_message=a["safe_to_leave_message"],
        address=a["address"],
        language=a["language"],
        interpreter_needed=a["interpreter_needed"],
        access_needs=a["access_needs"],
        **_equality(a),
    )
    details = ReferralDetails(help_wanted=a["help_wanted"], children=children)
    if journey.route == Route.SELF:
        return ReferralSource.SELF, caregiver, details
    role = a["referrer_role"]
    details.relationship_need = a["relationship_need"]
    details.other_professionals = a["other_professionals"]
    details.safeguarding_concerns = a["safeguarding_concerns"] if a["safeguarding"] else ""
    details.referrer_name = a["referrer_name"]
    details.referrer_role = a["referrer_role_other"] if role == OTHER_ROLE else pf.ROLE_LABELS[role]
    details.referrer_organisation = a["referrer_organisation"]
    details.referrer_email = a["referrer_email"]
    details.referrer_phone = a["referrer_phone"]
    details.family_agreed = a["family_agreed"] is True
    return ReferralSource(role), caregiver, details


def _equality(a):
    if not a.get("equality"):
        return {}
    group = a.get("ethnic_group", "")
    ethnicity = "Z" if group == "not_stated" else a.get("ethnicity", "")
    return {
        "ethnicity": ethnicity,
        "gender": a.get("gender", ""),
        "sexual_orientation": a.get("sexual_orientation", ""),
    }
