"""Settings for ``bench/pages.py``: the service's own, plus the two yardsticks it
measures the staff pages against (``bench/urls.py``). Never used to serve anyone."""

from vig_service.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
