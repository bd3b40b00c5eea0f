"""Making, revoking and checking the keys the reach API is read with."""

import datetime
import hashlib
import secrets

from django.db.models import Q
from django.utils import timezone

from campaigns.models import ApiToken

# Keys are 43 characters; anything much longer is not one of ours and is not worth hashing.
MAX_KEY_LENGTH = 200
# Recording every request would write a row per call; a minute is precise enough for an audit.
TOUCH_EVERY = datetime.timedelta(minutes=1)


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def new_key():
    return secrets.token_urlsafe(32)


def issue(name):
    """Make a token called name; return it with its key, which is never stored."""
    key = new_key()
    return ApiToken.objects.create(name=name, key_hash=hash_key(key)), key


def revoke(name):
    """Revoke every live token called name; return how many were revoked."""
    return ApiToken.objects.filter(name=name, revoked_at=None).update(revoked_at=timezone.now())


def authenticate(key):
    """Return the live token the key belongs to, or None."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    token = ApiToken.objects.filter(key_hash=hash_key(key), revoked_at=None).first()
    if token:
        touch(token)
    return token


def touch(token):
    """Note when the token was last used, at most once every TOUCH_EVERY."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < TOUCH_EVERY:
        return
    stale = Q(last_used_at=None) | Q(last_used_at__lt=now - TOUCH_EVERY)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
