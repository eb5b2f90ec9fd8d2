"""Films (``films``) and the moments cut from them (``moments``): clips, stills,
what the parent saw at a shared review, and a trainee's supervision."""

from .films import (
    LIVE_STATES,
    Film,
    FilmDestruction,
    FilmQuerySet,
    FilmState,
    FilmUpload,
    Source,
    Why,
)
from .moments import (
    Clip,
    MomentDestruction,
    MomentState,
    Principle,
    ReviewMoment,
    Still,
    SupervisionFeedback,
    SupervisionSession,
)

__all__ = [
    "LIVE_STATES",
    "Clip",
    "Film",
    "FilmDestruction",
    "FilmQuerySet",
    "FilmState",
    "FilmUpload",
    "MomentDestruction",
    "MomentState",
    "Principle",
    "ReviewMoment",
    "Source",
    "Still",
    "SupervisionFeedback",
    "SupervisionSession",
    "Why",
]
