from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.home, name="login"),
    path("sign-in/two-factor/", views.home, name="two_factor"),
]
