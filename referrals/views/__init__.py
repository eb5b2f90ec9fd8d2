"""The referral pages: ``public`` (the forms families and referrers fill in) and
``staff`` (the team's inbox, referral pages, triage, waiting list and allocation)."""
