"""The device a resident answers from: the daily limits count it when no number is given."""

import hashlib
import secrets

from django.conf import settings

DEVICE_COOKIE = "quiz_device"
DEVICE_COOKIE_SALT = "quizzes.device"


def device_token(request):
    """Return the token this browser was given earlier, or a new one."""
    token = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_COOKIE_SALT)
    return token or secrets.token_urlsafe(16)


def device_key(token):
    """Return what the database keeps for a device: a hash, never the cookie itself."""
    return "device:" + hashlib.sha256(token.encode()).hexdigest()[:40]


def known_device_key(request):
    """Return the key of a browser that has answered before, or None."""
    token = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_COOKIE_SALT)
    return device_key(token) if token else None


def remember_device(response, token):
    """Keep the device token on the resident's phone for a year."""
    response.set_signed_cookie(
        DEVICE_COOKIE,
        token,
        salt=DEVICE_COOKIE_SALT,
        max_age=settings.NEIGHBOURHOOD_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
