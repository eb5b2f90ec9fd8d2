"""What the programme pages show, made from rows already fetched.

Presenters turn models into what a template draws — the timeline, a goal's
ratings chart, the consent panel, where a family is in the cycles — and make no
queries of their own. Reads live in ``sessions.queries``; rules in
``sessions.actions``.
"""
