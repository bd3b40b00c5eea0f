"""The read-only reach API for the county's digital city-management platform."""

urlpatterns = []
