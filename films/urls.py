"""A filming visit's films (namespace "films").

Mounted at /staff/programmes/<reference>/visits/<uuid:visit_id>/films/, so every
view receives ``reference`` and ``visit_id`` and loads them scoped to the person.
"""

from django.urls import path

from .views import media, moment_media, moments, pages, uploads

app_name = "films"

urlpatterns = [
    path("", pages.index, name="index"),
    path("add/", pages.add, name="add"),
    path("uploads/", uploads.start, name="upload_start"),
    path("uploads/<uuid:upload_id>/", uploads.upload, name="upload"),
    path("uploads/<uuid:upload_id>/finish/", uploads.finish, name="upload_finish"),
    path("uploads/<uuid:upload_id>/preview/", media.preview, name="upload_preview"),
    path("<uuid:film_id>/", pages.film, name="film"),
    path("<uuid:film_id>/status/", pages.status, name="status"),
    path("<uuid:film_id>/play/", media.play, name="play"),
    path("<uuid:film_id>/poster/", media.poster, name="poster"),
    path("<uuid:film_id>/remove/", pages.remove, name="remove"),
    # Micro-analysis: the film's clips and stills
    path("<uuid:film_id>/analysis/", moments.analysis, name="analysis"),
    path("<uuid:film_id>/moments/<uuid:moment_id>/", moments.moment, name="moment"),
    path(
        "<uuid:film_id>/moments/<uuid:moment_id>/play/",
        moment_media.moment_play,
        name="moment_play",
    ),
    path(
        "<uuid:film_id>/moments/<uuid:moment_id>/status/",
        moments.status,
        name="moment_status",
    ),
    path("<uuid:film_id>/moments/<uuid:moment_id>/move/", moments.move, name="moment_move"),
    path("<uuid:film_id>/moments/<uuid:moment_id>/remove/", moments.remove, name="moment_remove"),
]
