"""What a report covers: the period (month, quarter, financial year or custom dates),
and the team and practitioner, chosen from those the person may see."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone

from accounts.models import Team, User
from accounts.permissions import Permission, has_permission

PERIODS = [
    ("last_quarter", "Last quarter"),
    ("this_quarter", "This quarter"),
    ("last_month", "Last month"),
    ("this_month", "This month"),
    ("this_year", "This financial year"),
    ("last_year", "Last financial year"),
    ("all", "All history"),
    ("custom", "Dates of your choice"),
]
EARLIEST = date(2000, 1, 1)  # before any record the service could hold
MONTHS_CHARTED = 24  # monthly charts reach back this far from the period's end


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # the day after the last
    label: str

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_at(self):
        return timezone.make_aware(datetime.combine(self.end, time.min))

    def chart_start(self):
        """The first month of the charts: 24 months back from the end, or the period's start."""
        months = self.end.year * 12 + self.end.month - 1 - MONTHS_CHARTED
        back = date(months // 12, months % 12 + 1, 1)
        return min(back, self.start.replace(day=1))

    def chart_starts_at(self):
        return timezone.make_aware(datetime.combine(self.chart_start(), time.min))


def _month(day, shift=0):
    months = day.year * 12 + day.month - 1 + shift
    return date(months // 12, months % 12 + 1, 1)


def period_named(name, today, start=None, end=None):
    this_month = today.replace(day=1)
    quarter = _month(date(today.year, 1, 1), 3 * ((today.month - 1) // 3))
    fy = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    if name == "custom" and start and end:
        return Period(start, end + timedelta(days=1), f"{start:%-d %B %Y} to {end:%-d %B %Y}")
    if name == "all":
        return Period(EARLIEST, today + timedelta(days=1), "All history")
    if name == "this_month":
        return Period(this_month, _month(this_month, 1), f"{this_month:%B %Y}")
    if name == "last_month":
        first = _month(this_month, -1)
        return Period(first, this_month, f"{first:%B %Y}")
    if name == "this_quarter":
        return Period(quarter, _month(quarter, 3), _quarter_label(quarter))
    if name == "this_year":
        return Period(fy, _month(fy, 12), f"Financial year {fy.year} to {fy.year + 1}")
    if name == "last_year":
        first = _month(fy, -12)
        return Period(first, fy, f"Financial year {first.year} to {first.year + 1}")
    first = _month(quarter, -3)
    return Period(first, quarter, _quarter_label(first))


def _quarter_label(first):
    last = _month(first, 2)
    return f"{first:%B} to {last:%B %Y}"


class ReportFilters(forms.Form):
    period = forms.ChoiceField(choices=PERIODS, required=False, initial="last_quarter")
    start = forms.DateField(label="From (for example 1 4 2026)", required=False)
    end = forms.DateField(label="To", required=False)
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="All")
    practitioner = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="All"
    )

    def __init__(self, data, *, user):
        super().__init__(data)
        if has_permission(user, Permission.VIEW_REPORTS):
            # A lead's own team, a service admin's service's teams, a superuser's all.
            teams = Team.objects.visible_to(user)
        else:  # a practitioner's own caseload: nobody else to choose
            teams = Team.objects.none()
        self.fields["team"].queryset = teams
        people = User.objects.filter(team__in=teams, is_active=True).order_by("full_name")
        self.fields["practitioner"].queryset = people
        self.fields["practitioner"].label_from_instance = lambda u: u.full_name

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError("Enter the first and last day of the period")
            if data["end"] < data["start"]:
                self.add_error("end", "The last day must be on or after the first day")
        return data

    def chosen(self, today):
        """``(period, team, practitioner)``; the default period if the answers don't do."""
        data = self.cleaned_data if self.is_valid() else {}
        period = period_named(
            data.get("period") or "last_quarter", today, data.get("start"), data.get("end")
        )
        return period, data.get("team"), data.get("practitioner")

    def as_details(self):
        """The filters as the audit trail keeps them."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "period": data.get("period") or "last_quarter",
            "start": str(data.get("start") or ""),
            "end": str(data.get("end") or ""),
            "team_id": getattr(data.get("team"), "pk", None),
            "practitioner_id": getattr(data.get("practitioner"), "pk", None),
        }
