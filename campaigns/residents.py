"""Resident identity: the one phone normaliser, the participant key and the masking helpers."""

import hashlib
import hmac
import re
import unicodedata
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

MAINLAND_MOBILE = re.compile(r"1[3-9][0-9]{9}")
PHONE_NOISE = re.compile(r"[\s\-()（）]")
NEIGHBOURHOOD_COOKIE = "neighbourhood"
NEIGHBOURHOOD_COOKIE_SALT = "campaigns.neighbourhood"
DIRECTORY_KEY = "neighbourhoods:directory"
DIRECTORY_VERSION = "neighbourhoods:directory-version"
# A stored directory outlives its version by a day at most, so old ones do not pile up.
DIRECTORY_SECONDS = 24 * 60 * 60


def normalise_phone(raw):
    """Return the 11-digit mainland mobile number in raw, or raise ValidationError."""
    # Full-width digits (１３８…) typed on a Chinese keyboard are the same number.
    phone = PHONE_NOISE.sub("", unicodedata.normalize("NFKC", raw or ""))
    for prefix in ("+86", "0086", "86"):
        if phone.startswith(prefix) and len(phone) == len(prefix) + 11:
            phone = phone[len(prefix) :]
            break
    if not MAINLAND_MOBILE.fullmatch(phone):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number, such as 13812345678."),
            code="invalid_phone",
        )
    return phone


def participant_key(raw_phone):
    """Return the keyed hash that stands for a resident in the participation log."""
    phone = normalise_phone(raw_phone)
    secret = settings.PARTICIPANT_KEY_SECRET.encode()
    return hmac.new(secret, phone.encode(), hashlib.sha256).hexdigest()


def mask_name(name):
    """Return name with its middle hidden: 张三明 → 张*明, 张三 → 张*."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" if name else ""
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone):
    """Return a mobile number with its middle four digits hidden: 138****5678."""
    phone = (phone or "").strip()
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def remembered_neighbourhood_id(request):
    """Return the neighbourhood id the resident chose on an earlier visit, or None."""
    value = request.get_signed_cookie(
        NEIGHBOURHOOD_COOKIE, default=None, salt=NEIGHBOURHOOD_COOKIE_SALT
    )
    return int(value) if value and value.isdigit() else None


def remember_neighbourhood(response, neighbourhood):
    """Remember the resident's neighbourhood on their device for a year."""
    response.set_signed_cookie(
        NEIGHBOURHOOD_COOKIE,
        str(neighbourhood.pk),
        salt=NEIGHBOURHOOD_COOKIE_SALT,
        max_age=settings.NEIGHBOURHOOD_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


# The directory this process read last, with its version: (version, directory).
held_directory = (None, None)


def neighbourhood_directory():
    """Return every neighbourhood with its town: every page's footer and form lists them.

    The directory is stored in the cache under a version, and each process holds the one it read
    last, so a request reads only the version unless neighbourhoods changed since.
    """
    from campaigns.models import Neighbourhood

    global held_directory  # noqa: PLW0603 (one tuple, replaced whole, shared by the process)
    version = cache.get(DIRECTORY_VERSION)
    if version is not None and held_directory[0] == version:
        return held_directory[1]
    directory = cache.get(f"{DIRECTORY_KEY}:{version}") if version else None
    if directory is None:
        # Outlines are for the reach map only, and can be large.
        directory = list(Neighbourhood.objects.select_related("town").defer("outline"))
        if version is None:
            cache.add(DIRECTORY_VERSION, uuid.uuid4().hex, None)
            version = cache.get(DIRECTORY_VERSION)
        if version:
            cache.set(f"{DIRECTORY_KEY}:{version}", directory, DIRECTORY_SECONDS)
    if version:
        held_directory = (version, directory)
    return directory


def forget_neighbourhood_directory(**kwargs):
    cache.set(DIRECTORY_VERSION, uuid.uuid4().hex, None)
    # Again once committed: forms check choices against the directory, so one read before the
    # commit must not keep a deleted neighbourhood in it.
    transaction.on_commit(lambda: cache.set(DIRECTORY_VERSION, uuid.uuid4().hex, None))


def known_neighbourhood(pk):
    """Return the neighbourhood with this id from the directory, or None."""
    return next((place for place in neighbourhood_directory() if place.pk == pk), None)
