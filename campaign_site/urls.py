from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campaigns import views as campaign_views
from campaigns import volunteer_views
from home import pages as home_pages
from home import views as home_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("search/", home_views.search, name="search"),
    path("tags/<str:tag>/", home_views.tagged, name="tagged"),
    path("neighbourhood/", home_views.choose_neighbourhood, name="choose_neighbourhood"),
    path("pledges/<int:pledge_id>/sign/", campaign_views.sign, name="sign_pledge"),
    path(
        "volunteer-events/<int:event_id>/sign-up/",
        volunteer_views.sign_up,
        name="volunteer_sign_up",
    ),
    # Private links carry token_urlsafe() tokens; nothing else reaches the database.
    re_path(
        r"^volunteer-events/cancel/(?P<token>[A-Za-z0-9_-]+)/$",
        volunteer_views.cancel,
        name="volunteer_cancel",
    ),
    re_path(
        r"^volunteer-events/check-in/(?P<token>[A-Za-z0-9_-]+)/$",
        volunteer_views.check_in,
        name="volunteer_check_in",
    ),
    path("", include("quizzes.urls")),
    path("api/", include("campaigns.api_urls")),
    path("p/", include("campaigns.poster_urls")),
    path("healthz", home_views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own URLs, but pages are served with each address's route kept (home/pages.py).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, home_pages.serve, name="wagtail_serve"),
]
