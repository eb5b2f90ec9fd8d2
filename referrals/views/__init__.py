"""The referral pages: ``staff`` (the team's inbox, referral pages, triage,
waiting list and allocation)."""
