"""The monthly CSDS-shaped extract: referrals (CYP101) and care contacts (CYP201).

One CSV per table for one month, the codes as CSDS v1.6 has them; the mapping
from our fields is in docs/csds-extract.md. Rows come from the person's scope
and hold no names or contact details: the family is its referral reference.
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import Case, CharField, Exists, F, Min, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from sessions.models import (
    ATTENDED_CODES,
    PLACE_CSDS_CODES,
    Attendance,
    SummaryDelivery,
    Visit,
)

from .presenters import months_between

TABLES = {
    "referrals": "Referrals (CYP101)",
    "care_contacts": "Care contacts (CYP201)",
}

REFERRAL_HEADERS = [
    "CYP101.ServiceRequestId",
    "CYP101.ReferralRequestReceivedDate",
    "CYP101.ReferralRequestReceivedTime",
    "CYP101.SourceOfReferralForCommunity",
    "CYP101.PriorityTypeCode",
    "CYP101.OrgIdReferring",
    "CYP101.ServDischDate",
    "CYP101.DischLetterIssDate",
]
CONTACT_HEADERS = [
    "CYP201.CareContactId",
    "CYP201.ServiceRequestId",
    "CYP201.CareContDate",
    "CYP201.CareContTime",
    "CYP201.AttendOrDNACode",
    "CYP201.ConsMechanismCommunity",
    "CYP201.ActLocTypeCode",
    "CYP201.ClinContDurOfCareCont",
    "CYP201.ConsType",
    "CYP201.CareContCancelDate",
    "CYP201.CareContCancelReas",
]


def _month_choices(today):
    start = date(today.year - 2, today.month, 1)
    months = months_between(start, today + timedelta(days=1))
    return [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in reversed(months)]


class ExtractForm(forms.Form):
    month = forms.ChoiceField(label="Month")
    table = forms.ChoiceField(choices=[("", "")] + list(TABLES.items()), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = _month_choices(timezone.localdate())


def _bounds(month):
    year, number = (int(part) for part in month.split("-"))
    first = date(year, number, 1)
    after = date(year + number // 12, number % 12 + 1, 1)
    aware = [timezone.make_aware(datetime.combine(d, time.min)) for d in (first, after)]
    return first, after, *aware


def referral_rows(scope, month):
    first, after, starts, ends = _bounds(month)
    rows = (
        scope.referrals()
        .filter(
            Q(received_at__gte=starts, received_at__lt=ends)
            | Q(discharge_date__gte=first, discharge_date__lt=after)
        )
        .annotate(letter_sent_at=Subquery(_first_closing_letter))
        .order_by("received_at", "pk")
        .values_list(
            "reference", "received_at", "source", "priority", "discharge_date", "letter_sent_at"
        )
    )
    yield REFERRAL_HEADERS
    for reference, received_at, source, priority, discharged, letter in rows.iterator(
        chunk_size=2000
    ):
        local = timezone.localtime(received_at)
        # Referring organisation codes are not recorded yet.
        yield [
            reference,
            f"{local:%Y-%m-%d}",
            f"{local:%H:%M:%S}",
            source,
            priority,
            "",
            discharged or "",
            f"{timezone.localtime(letter):%Y-%m-%d}" if letter else "",
        ]


# The discharge letter is the closing letter (a sending with no session summary):
# the date it was first sent or printed.
_first_closing_letter = (
    SummaryDelivery.objects.filter(programme__referral=OuterRef("pk"), summary__isnull=True)
    .values("programme")
    .annotate(first=Min("sent_at"))
    .values("first")
)


def contact_rows(scope, month):
    _first, _after, starts, ends = _bounds(month)
    seen_before = Visit.objects.filter(
        programme=OuterRef("programme"),
        attendance__in=ATTENDED_CODES,
        starts_at__lt=OuterRef("starts_at"),
    )
    location = Case(
        *(When(place=place, then=Value(code)) for place, code in PLACE_CSDS_CODES.items()),
        default=Value("X01"),
        output_field=CharField(),
    )
    cancel_reason = Case(
        When(attendance=Attendance.CANCELLED_BY_FAMILY, then=Value("01")),
        When(attendance=Attendance.CANCELLED_BY_SERVICE, then=Value("02")),
        default=Value(""),
        output_field=CharField(),
    )
    rows = (
        scope.visits()
        .filter(starts_at__gte=starts, starts_at__lt=ends)
        .annotate(
            location=location,
            cancel_reason=cancel_reason,
            cons_type=Case(
                When(Exists(seen_before), then=Value("02")),
                default=Value("01"),
                output_field=CharField(),
            ),
            reference=F("programme__referral__reference"),
        )
        .order_by("starts_at", "pk")
        .values_list(
            "public_id",
            "reference",
            "starts_at",
            "attendance",
            "mechanism",
            "location",
            "duration_minutes",
            "cons_type",
            "cancelled_on",
            "cancel_reason",
        )
    )
    yield CONTACT_HEADERS
    for public_id, reference, starts_at, *rest in rows.iterator(chunk_size=2000):
        local = timezone.localtime(starts_at)
        attendance, mechanism, location_code, minutes, cons_type, cancelled_on, reason = rest
        yield [
            public_id,
            reference,
            f"{local:%Y-%m-%d}",
            f"{local:%H:%M:%S}",
            attendance,
            mechanism,
            location_code,
            minutes,
            cons_type,
            cancelled_on or "",
            reason,
        ]


def rows(table, scope, month):
    return (referral_rows if table == "referrals" else contact_rows)(scope, month)
