"""Site-wide views: search, tags, the resident's neighbourhood and the health check."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from taggit.models import Tag
from wagtail.models import get_page_models

from campaigns.forms import NeighbourhoodForm
from campaigns.residents import remember_neighbourhood
from home.search import search_pages, specific_pages

MAX_QUERY_LENGTH = 100
NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search_pages(query) if query else []
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    page.object_list = specific_pages(page.object_list)
    return render(request, "home/search.html", {"query": query, "results": page})


def tagged(request, tag):
    # PostgreSQL text cannot hold NUL, so such a tag cannot exist.
    tag_object = Tag.objects.filter(name=tag).first() if "\x00" not in tag else None
    pages = []
    if tag_object:
        for model in get_page_models():
            if hasattr(model, "tags") and not model._meta.abstract:
                pages.extend(model.objects.live().public().filter(tags=tag_object))
    pages.sort(key=lambda page: page.last_published_at or NEVER, reverse=True)
    status = 200 if tag_object else 404
    return render(request, "home/tagged.html", {"tag": tag, "pages": pages}, status=status)


def choose_neighbourhood(request):
    if request.method != "POST":
        return redirect("/")
    form = NeighbourhoodForm(request.POST)
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if not form.is_valid():
        message = form.errors["neighbourhood"][0]
        return render(
            request, "home/message.html", {"message": message, "back": next_url}, status=400
        )
    # An address, never a view name: redirect() would try to reverse a bare word. It goes back to
    # the footer's form, which now shows the neighbourhood chosen, rather than the page's top.
    response = HttpResponseRedirect(next_url.partition("#")[0] + "#my-neighbourhood")
    remember_neighbourhood(response, form.cleaned_data["neighbourhood"])
    return response


@never_cache
def healthz(request):
    """Say whether this web process can serve: 503 only without its database.

    Without Redis the site still serves (the cache misses, rate limits let requests through,
    tasks run in the request), so a load balancer should keep the host: the answer is 200 with
    "status": "degraded", for monitoring to raise.
    """
    checks = {"database": _check_database(), "redis": _check_redis()}
    if checks["database"] != "ok":
        status = "down"
    elif checks["redis"] == "down":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, **checks}, status=503 if status == "down" else 200)


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return "down"
    return "ok"


def _check_redis():
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError:
        return "down"
    return "ok"
