"""Visits, goals and ratings, shared reviews, summaries and the ending.

Families are named by their referral reference (``VIG-7KQ3-M2XD``); visits
and goals by their public UUID, looked up only within that family's programme.
"""

from django.urls import re_path

from referrals.staff_urls import REFERENCE

from .views import ending, goals, visits

FAMILY = rf"^(?P<reference>{REFERENCE})/"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
GOAL = rf"{FAMILY}goals/(?P<goal_id>{UUID})/"
VISIT = rf"{FAMILY}visits/(?P<visit_id>{UUID})/"

urlpatterns = [
    re_path(rf"{FAMILY}state/$", ending.state, name="state"),
    re_path(rf"{FAMILY}planned-visits/$", ending.planned_visits, name="planned_visits"),
    re_path(rf"{FAMILY}goals/add/$", goals.add, name="goal_add"),
    re_path(rf"{GOAL}revise/$", goals.revise, name="goal_revise"),
    re_path(rf"{GOAL}achieved/$", goals.achieved, name="goal_achieved"),
    re_path(rf"{FAMILY}ratings/$", goals.ratings, name="ratings"),
    re_path(rf"{FAMILY}visits/book/$", visits.book, name="visit_book"),
    re_path(rf"{VISIT}$", visits.visit_detail, name="visit"),
    re_path(rf"{VISIT}change/$", visits.change, name="visit_change"),
    re_path(rf"{VISIT}cancel/$", visits.cancel, name="visit_cancel"),
    re_path(rf"{VISIT}outcome/$", visits.outcome, name="visit_outcome"),
    re_path(rf"{VISIT}shared-review/$", visits.review, name="visit_review"),
    re_path(rf"{VISIT}summary/$", visits.summary, name="visit_summary"),
    re_path(rf"{VISIT}summary/send/$", visits.send, name="summary_send"),
    re_path(rf"{VISIT}summary/letter/$", visits.summary_letter, name="summary_letter"),
    re_path(rf"{FAMILY}end/$", ending.end, name="end"),
    re_path(rf"{FAMILY}closing-letter/$", ending.closing_letter, name="closing_letter"),
]
