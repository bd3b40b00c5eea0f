"""Whole-page cache for visitors without a login (Redis in production).

Only pages Wagtail served live are stored, and only for requests that carry no login session and
no personal cookie, so editors, previews, private pages and personal pages never are. A visitor
who unlocked a private page holds a session, so restricted pages never reach the cache either.
The CSRF token of a stored page is kept as a placeholder and every reader gets their own.
Publishing, unpublishing, moving or deleting a page, or editing what pages list, starts a new
generation; pages with live figures are kept for a few seconds only.

Objects kept for views (pages, questions) are also held by each process with their generation, so
a request reads only the small generation number when the process holds them already; a new
generation makes them stale there too. A generation starts from a random number, so one that
starts again after Redis lost its data never matches what a process held before.
"""

import hashlib
import logging
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from campaigns.residents import NEIGHBOURHOOD_COOKIE
from quizzes.devices import DEVICE_COOKIE

logger = logging.getLogger(__name__)

GENERATION = "page-cache:generation"
PLACEHOLDER = "@@csrf-token@@"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Cookies that make a page personal: a login or unlocked private page, quiz attempts, messages.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, DEVICE_COOKIE, "messages")
# Pages whose figures move as residents take part.
LIVE_PAGES = {
    "homepage",
    "campaignpage",
    "pledgepage",
    "volunteerindexpage",
    "neighbourhoodvolunteerpage",
    "volunteereventpage",
    "reachpage",
    "quizpage",
}
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options")


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """Let the middleware store this page's response (a before_serve_page hook)."""
    live = page.specific_class._meta.model_name in LIVE_PAGES
    request.page_cache_seconds = (
        settings.PAGE_CACHE_LIVE_SECONDS if live else settings.PAGE_CACHE_SECONDS
    )


# Values this process read or stored lately, by key: (generation, value). Bounded, and emptied
# whole when full, so it never holds more than a few pages' and questions' worth.
held = {}
HELD_LIMIT = 2000


def invalidate(**kwargs):
    """Start a new generation: every page stored before is stale."""
    try:
        cache.incr(GENERATION)
    except ValueError:
        cache.set(GENERATION, first_generation(), None)
    except Exception:  # noqa: BLE001 (a cache that is down holds nothing stale to serve)
        logger.warning("Page cache unreachable while invalidating")


def first_generation():
    return secrets.randbits(48) + 1


def generation_in(found):
    """Return the generation read into found, starting one if the cache holds none (0 if down)."""
    if GENERATION in found:
        return found[GENERATION]
    cache.add(GENERATION, first_generation(), None)
    return cache.get(GENERATION, 0)


def kept(keys):
    """Return the current generation and the values stored under keys in it, in one round trip.

    Values this process holds in the current generation are not fetched again.
    """
    keys = list(keys)
    if keys and all(key in held for key in keys):
        generation = generation_in(cache.get_many([GENERATION]))
        if generation and all(held[key][0] == generation for key in keys):
            return generation, {key: held[key][1] for key in keys}
    found = cache.get_many([*keys, GENERATION])
    generation = generation_in(found)
    values = {
        key: entry["value"]
        for key, entry in found.items()
        if key != GENERATION and entry["generation"] == generation
    }
    hold(values, generation)
    return generation, values


def keep(values, generation):
    """Store values, looked up after generation was read, for as long as stored pages are kept.

    A change since generation was read has made them stale already, so they are never served.
    """
    if values and settings.PAGE_CACHE_SECONDS:
        entries = {key: {"generation": generation, "value": v} for key, v in values.items()}
        cache.set_many(entries, settings.PAGE_CACHE_SECONDS)
        hold(values, generation)


def hold(values, generation):
    if not generation or not settings.PAGE_CACHE_SECONDS:
        return
    if len(held) + len(values) > HELD_LIMIT:
        held.clear()
    held.update((key, (generation, value)) for key, value in values.items())


def is_anonymous_get(request):
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def key_for(request):
    varies = [
        request.get_host(),
        request.LANGUAGE_CODE,
        request.COOKIES.get(NEIGHBOURHOOD_COOKIE, ""),
        request.get_full_path(),
    ]
    return "page-cache:" + hashlib.sha256("\n".join(varies).encode()).hexdigest()


class PageCacheMiddleware:
    """Serve stored pages to anonymous visitors and store the pages Wagtail marks cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_get(request):
            return self.get_response(request)
        key = key_for(request)
        found = cache.get_many([key, GENERATION])
        stored, generation = found.get(key), generation_in(found)
        if stored and stored["generation"] == generation:
            return self.replay(request, stored)
        response = self.get_response(request)
        seconds = getattr(request, "page_cache_seconds", None)
        if seconds and self.storable(response):
            self.store(key, response, generation, seconds)
        response["X-Page-Cache"] = "miss"
        return response

    def storable(self, response):
        return (
            response.status_code == 200
            and not response.streaming
            and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
            and "private" not in response.get("Cache-Control", "")
        )

    def store(self, key, response, generation, seconds):
        body = CSRF_INPUT.sub(rf"\g<1>{PLACEHOLDER}\g<2>", response.content.decode())
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        entry = {"generation": generation, "headers": headers, "body": body}
        cache.set(key, entry, seconds)

    def replay(self, request, stored):
        body = stored["body"]
        if PLACEHOLDER in body:
            body = body.replace(PLACEHOLDER, get_token(request))
        response = HttpResponse(body)
        for name, value in stored["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
