"""Visits, goals and ratings, shared reviews, summaries and the ending."""

urlpatterns: list = []
