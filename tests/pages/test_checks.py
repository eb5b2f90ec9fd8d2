"""A live service names the organisation that runs it: `check --deploy` says so."""

from pages.checks import organisation_is_named


def test_the_placeholder_organisation_is_a_deployment_warning(settings):
    settings.SERVICE_ORGANISATION_NAME = "Example NHS Trust"
    (warning,) = organisation_is_named(None)
    assert warning.id == "pages.W001"
    assert "SERVICE_ORGANISATION_NAME" in warning.msg
    settings.SERVICE_ORGANISATION_NAME = "  "
    assert [w.id for w in organisation_is_named(None)] == ["pages.W001"]


def test_a_named_organisation_passes(settings):
    settings.SERVICE_ORGANISATION_NAME = "Northmoor NHS Foundation Trust"
    assert organisation_is_named(None) == []
