"""``vig_service.mail.send_once``: two deliveries of an email's task at the same
moment, on two workers, send one email (the row is locked while it is sent)."""

import threading

import pytest
from django.core.mail import send_mail
from django.db import connection

from accounts import actions
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_at_once_send_one_email(team, mailoutbox, monkeypatch):
    user = UserFactory(team=team)
    sending, go_on = threading.Event(), threading.Event()

    def slow_mail_server(**kwargs):
        sending.set()
        go_on.wait(10)
        return send_mail(**kwargs)

    monkeypatch.setattr("vig_service.mail.send_mail", slow_mail_server)
    results = []

    def deliver():
        try:
            results.append(actions.send_welcome_email(user_id=user.pk))
        finally:
            connection.close()

    first, second = threading.Thread(target=deliver), threading.Thread(target=deliver)
    first.start()
    assert sending.wait(10)
    second.start()  # waits for the first's lock, then finds the email sent
    second.join(1)
    go_on.set()
    first.join(10)
    second.join(10)

    assert sorted(results) == [False, True]
    assert len(mailoutbox) == 1
