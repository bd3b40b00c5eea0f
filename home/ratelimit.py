"""Fixed-window rate limits kept in the cache (Redis in production) for every public form."""

import hashlib
import logging

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def client_ip(request):
    """Return the visitor's address as the proxy in front of gunicorn reports it."""
    forwarded = request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")
    return forwarded.strip()


def hit(scope, identity, limit, period):
    """Count one attempt; return False once identity has used its limit within period seconds."""
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()[:32]
    try:
        count = count_in_window(f"ratelimit:{scope}:{digest}", period)
    except Exception:
        # A cache outage must not stop residents taking part; the database still holds its rules.
        logger.warning("Rate limit cache unavailable; letting %s through", scope)
        return True
    return count <= limit


def count_in_window(key, period):
    """Count one attempt in key's window; Redis does it in one round trip, other caches in two."""
    if hasattr(cache, "count_in_window"):
        return cache.count_in_window(key, period)
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key)
    except ValueError:
        # The window expired between add and incr; this attempt opens a new one.
        cache.set(key, 1, timeout=period)
        return 1


def too_many_requests(request):
    """Return the 429 page residents see when they submit too often."""
    message = _("Too many attempts from here. Please wait a few minutes and try again.")
    response = render(request, "home/message.html", {"message": message}, status=429)
    response["Retry-After"] = "300"
    return response
