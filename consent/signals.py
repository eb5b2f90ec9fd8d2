"""Hooks other apps listen to.

``consent_withdrawn(programme, caregiver, scopes)`` is sent after a withdrawal
commits. The films work connects a receiver that deletes films, clips and stills
in the withdrawn scopes (idempotently, keeping an audit record that they existed).
"""

from django.dispatch import Signal

consent_withdrawn = Signal()
