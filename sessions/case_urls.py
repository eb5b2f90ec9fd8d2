"""Caseload, diary, case page and consent."""

urlpatterns: list = []
