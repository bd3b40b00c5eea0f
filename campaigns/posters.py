"""Poster links: a short token for a campaign and a neighbourhood, signed so none can be made up."""

import base64
import re

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import int_to_base36

SIGNING_SALT = "campaigns.posters"
# 72 bits of signature: far too many to guess, short enough for a QR code read across a room.
SIGNATURE_LENGTH = 12
TOKEN = re.compile(rf"([0-9a-z]{{1,12}})\.([0-9a-z]{{1,12}})\.([\w-]{{{SIGNATURE_LENGTH}}})")
VISITED_COOKIE = "poster_visits"
VISITED_SALT = "campaigns.posters.visits"
# A browser session rarely meets more campaigns than this; older ones drop out first.
VISITED_KEPT = 50


def signature(campaign_id, neighbourhood_id):
    digest = salted_hmac(SIGNING_SALT, f"{campaign_id}.{neighbourhood_id}", algorithm="sha256")
    return base64.urlsafe_b64encode(digest.digest()).decode()[:SIGNATURE_LENGTH]


def make_token(campaign_id, neighbourhood_id):
    """Return the token a poster for this campaign in this neighbourhood carries."""
    ids = f"{int_to_base36(campaign_id)}.{int_to_base36(neighbourhood_id)}"
    return f"{ids}.{signature(campaign_id, neighbourhood_id)}"


def read_token(token):
    """Return (campaign id, neighbourhood id) from a genuine token, or None."""
    match = TOKEN.fullmatch(token)
    if not match:
        return None
    campaign_id, neighbourhood_id = int(match[1], 36), int(match[2], 36)
    if not constant_time_compare(match[3], signature(campaign_id, neighbourhood_id)):
        return None
    return campaign_id, neighbourhood_id


def poster_url(campaign, neighbourhood):
    """Return the absolute short link a poster's QR code encodes."""
    path = reverse("poster_visit", args=[make_token(campaign.pk, neighbourhood.pk)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def visited_campaigns(request):
    """Return the ids of the campaigns this browser session has already been counted for."""
    value = request.get_signed_cookie(VISITED_COOKIE, default="", salt=VISITED_SALT)
    return [int(part) for part in value.split(".") if part.isdigit()]


def remember_visits(response, campaign_ids):
    """Remember counted campaigns in a cookie that ends with the browser session."""
    kept = ".".join(str(pk) for pk in campaign_ids[-VISITED_KEPT:])
    response.set_signed_cookie(
        VISITED_COOKIE,
        kept,
        salt=VISITED_SALT,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
