"""Print a .env for running the embedded demo on this machine (used by `make run`)."""

import secrets

print(f"""# Local settings for `make run` (embedded mode). See .env.example for every variable.
SECRET_KEY={secrets.token_urlsafe(50)}
# The demo is served over plain http://localhost, so HTTPS-only cookies are off.
HTTPS=false
ALLOWED_HOSTS=localhost,127.0.0.1,[::1]
SITE_URL=http://localhost:8000
""")
