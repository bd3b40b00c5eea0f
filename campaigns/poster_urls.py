"""Short links printed as QR codes on campaign posters."""

from django.urls import path

from campaigns import poster_views

urlpatterns = [path("<str:token>/", poster_views.visit, name="poster_visit")]
