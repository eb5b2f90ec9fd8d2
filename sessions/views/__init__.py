"""The programme pages. Each is thin: load and authorise, validate, act, redirect.

- ``access``: loading a family's programme for the person asking, and the
  ``programme_page`` decorator (404 out of scope, 405, 403, "has ended").
- ``pages``: the page context, audited rendering, and ``attempt`` — the one
  shape of a form that changes a programme.
- ``case``, ``caseload``, ``diary``: reading; ``finding``: the programmes that
  have ended, and the search for a family by name or reference.
- ``visits``, ``summaries``, ``goals``, ``ending``: changing, through
  ``sessions.actions``. Consent's pages are ``consent.views``.

Reads come from ``sessions.queries``, what the templates draw from
``sessions.presenters``, and every rule from ``sessions.actions``.
"""
