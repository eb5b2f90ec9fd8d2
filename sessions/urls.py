"""Programme pages under /staff/programmes/ (namespace "programmes").

The caseload, the programmes that have ended, the search and the diary are the
person's own lists; everything about one family sits under its reference
(``<reference:…>``, VIG-7KQ3-M2XD), and a visit or goal under its public UUID,
looked up only within that family's programme.
"""

from django.urls import include, path, re_path

from films.views import review

from .views import case, caseload, contact, diary, ending, finding, goals, summaries, visits

app_name = "programmes"

visit_pages = [
    path("", visits.visit_detail, name="visit"),
    path("change/", visits.change, name="visit_change"),
    path("cancel/", visits.cancel, name="visit_cancel"),
    path("outcome/", visits.outcome, name="visit_outcome"),
    path("shared-review/", summaries.review, name="visit_review"),
    path("shared-review/player/", review.review_player, name="visit_review_player"),
    path("summary/", summaries.summary, name="visit_summary"),
    path("summary/send/", summaries.send, name="summary_send"),
    path("summary/letter/", summaries.summary_letter, name="summary_letter"),
    path("summary/skip/", ending.skip_summary, name="summary_skip"),
]

goal_pages = [
    path("revise/", goals.revise, name="goal_revise"),
    path("achieved/", goals.achieved, name="goal_achieved"),
]

family_pages = [
    path("", case.case, name="case"),
    path("consent/", include("consent.urls")),
    path("state/", ending.state, name="state"),
    path("contact/", contact.contact_preferences, name="contact"),
    path("planned-visits/", ending.planned_visits, name="planned_visits"),
    path("goals/add/", goals.add, name="goal_add"),
    path("goals/<uuid:goal_id>/", include(goal_pages)),
    path("ratings/", goals.ratings, name="ratings"),
    path("visits/book/", visits.book, name="visit_book"),
    path("visits/<uuid:visit_id>/", include(visit_pages)),
    path("end/", ending.end, name="end"),
    path("closing-letter/", ending.closing_letter, name="closing_letter"),
]

urlpatterns = [
    path("", caseload.caseload, name="caseload"),
    path("closed/", finding.closed, name="closed"),
    path("search/", finding.search, name="search"),
    path("diary/", diary.diary, name="diary"),
    re_path(r"^diary/(?P<day>\d{4}-\d{2}-\d{2})/$", diary.diary_day, name="diary_day"),
    path("<reference:reference>/", include(family_pages)),
]
