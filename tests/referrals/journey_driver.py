"""A robot that refers a family the way a person would, counting the pages it sees.

It opens a journey's start page, presses "Start now", and then, page after page,
reads the form it is shown (every input, radio, date box and text area), answers
every question with a valid answer from ``ANSWERS``, and presses the button,
following the redirect to the next page, until a page shows the reference. It
knows nothing about the order of the pages, so a question added anywhere is
counted, and a question it has no answer for fails the test.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

from django.utils import timezone

REFERENCE = re.compile(r'data-testid="reference">(VIG-[A-Z0-9]{4}-[A-Z0-9]{4})<')
START = re.compile(r'<a class="nhsuk-button"[^>]*href="([^"]+)"[^>]*>Start now</a>')
HONEYPOT = "website"


def answers(today=None):
    """A valid answer to every question either journey can ask, by field name."""
    today = today or timezone.localdate()
    born = today - timedelta(days=400)
    sibling = today - timedelta(days=365 * 4)
    return {
        # Eligibility and the child
        "postcode": "SK1 3XE",
        "born": "yes",
        "date_of_birth": born,
        "due_date": today + timedelta(days=60),
        "child_first_name": "Robin",
        "child_last_name": "Jones",
        "child_nhs_number": "943 476 5919",
        # The parent or carer
        "first_name": "Sam",
        "last_name": "Jones",
        "pronouns": "they/them",
        "relationship": "mother",
        "relationship_other": "Aunt",
        "phone": "07700 900982",
        "email": "sam.jones@family.invalid",
        "preferred_contact": "text",
        "safe_to_leave_message": "yes",
        "address": "1 Mill Lane\nStockport",
        "language": "English",
        "interpreter_needed": "no",
        "access_needs": "Step-free access, please",
        # Another child (the "add another" pages)
        "nhs_number": "401 023 2137",
        "sibling_date_of_birth": sibling,
        # What they would like help with; equality questions (parents)
        "help_wanted": "I would like to enjoy playtime with my baby more.",
        "equality": "yes",
        "ethnic_group": "white",
        "ethnicity": "A",
        "gender": "woman",
        "sexual_orientation": "not_stated",
        # The referring professional
        "referrer_name": "Pat Okafor",
        "referrer_organisation": "Riverside NHS Trust",
        "referrer_role": "M6",
        "referrer_role_other": "Family support worker",
        "referrer_email": "pat.okafor@nhs.invalid",
        "referrer_phone": "0161 496 0000",
        "family_agreed": "yes",
        "relationship_need": "Low mood since the birth; little eye contact.",
        "other_professionals": "Health visitor: Amy Lee",
        "safeguarding": "yes",
        "safeguarding_concerns": "A child in need plan is in place.",
    }


# Questions that add another child: "yes" until the family has this many children.
ADD_ANOTHER = ("add_another", "other_children")


class _FormReader(HTMLParser):
    """The fields of the page's POST form: ``{name: {"type", "options"}}``, in order."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form or "name" not in attrs:
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            entry = self.fields.setdefault(name, {"type": kind, "options": []})
            if kind in ("radio", "checkbox"):
                entry["options"].append(attrs.get("value", ""))
        elif tag in ("textarea", "select"):
            self.fields.setdefault(name, {"type": tag, "options": []})

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def form_fields(html):
    reader = _FormReader()
    reader.feed(html)
    return {
        name: spec
        for name, spec in reader.fields.items()
        if name != "csrfmiddlewaretoken" and spec["type"] not in ("submit", "hidden")
    }


@dataclass
class Visit:
    path: str
    title: str
    question: bool  # a page that asks something (not the start, check or confirmation page)


@dataclass
class Driver:
    client: object
    start_url: str
    children: int = 1  # the child in the eligibility questions, and brothers and sisters
    answers: dict = field(default_factory=answers)
    visits: list = field(default_factory=list)
    reference: str = ""
    max_pages: int = 80

    @property
    def pages(self):
        return len(self.visits)

    @property
    def question_pages(self):
        return sum(1 for visit in self.visits if visit.question)

    def get(self, path):
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        html = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).split(" – ")[0].strip()
        fields = form_fields(html)
        question = bool(fields) and set(fields) != {HONEYPOT}
        self.visits.append(Visit(path, title, question))
        assert self.pages <= self.max_pages, [v.path for v in self.visits]
        return html, fields

    def run(self):
        html, _fields = self.get(self.start_url)
        path = START.search(html).group(1)
        added = 1
        while True:
            html, fields = self.get(path)
            if found := REFERENCE.search(html):
                self.reference = found.group(1)
                return self
            data = {}
            for name, spec in fields.items():
                if name in ADD_ANOTHER:
                    more = added < self.children
                    added += more
                    data[name] = "yes" if more else "no"
                else:
                    data.update(self.answer(path, name, spec))
            response = self.client.post(path, data)
            assert response.status_code == 302, (path, data, _errors(response))
            path = response["Location"]

    def answer(self, path, name, spec):
        if name == HONEYPOT:
            return {name: ""}
        base = re.sub(r"_(day|month|year)$", "", name)
        if base != name:  # one of a date's three boxes
            key = "sibling_date_of_birth" if "another-child" in path else base
            value = self.answers[key]
            part = name.rsplit("_", 1)[1]
            return {name: str(getattr(value, part))}
        assert name in self.answers, f"The driver has no answer for {name!r} on {path}"
        value = self.answers[name]
        if spec["options"]:
            assert value in spec["options"], (path, name, value, spec["options"])
        return {name: value}

    def report(self, label):
        lines = [f"{label}: {self.pages} pages ({self.question_pages} asking questions)"]
        lines += [
            f"  {n:2d}. {visit.path}  {visit.title}" for n, visit in enumerate(self.visits, 1)
        ]
        return "\n".join(lines)


def _errors(response):
    html = response.content.decode()
    return re.findall(r'<span class="nhsuk-u-visually-hidden">Error: </span>(.*?)</span>', html)
