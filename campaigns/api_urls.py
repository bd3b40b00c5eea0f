"""The read-only reach API for the county's digital city-management platform."""

from django.urls import path, re_path

from campaigns import api, api_schema

urlpatterns = [
    path("v1/reach/", api.reach_view, name="api_reach"),
    path("v1/campaigns/", api.campaigns_view, name="api_campaigns"),
    path("v1/neighbourhoods/", api.neighbourhoods_view, name="api_neighbourhoods"),
    path("v1/openapi.json", api_schema.openapi_view, name="api_openapi"),
    # Unknown API addresses get a JSON answer rather than the site's HTML 404 page; without the
    # trailing slash, CommonMiddleware still redirects /api/v1/reach to /api/v1/reach/.
    re_path(r"^[\s\S]*/$", api.not_found),
]
