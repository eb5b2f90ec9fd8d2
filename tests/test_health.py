import pytest

from vig_service.celery import app as celery_app


@pytest.mark.django_db
def test_health_reports_database_and_broker_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_health_is_503_when_the_broker_is_unreachable(client, monkeypatch):
    original = celery_app.conf.broker_url
    # Nothing listens on port 1: a real connection attempt that really fails.
    # (Celery reads CELERY_BROKER_URL from the environment before its own setting.)
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/health/")
    finally:
        celery_app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unavailable"}


@pytest.mark.django_db
def test_health_only_answers_get(client):
    assert client.post("/health/").status_code == 405
