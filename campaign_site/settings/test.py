"""Test runs: fast hashing, in-memory mail, fixed secrets."""

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key"  # noqa: S105
PARTICIPANT_KEY_SECRET = "test-participant-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tasks run inline in tests; the worker test turns this off to go through the real broker.
CELERY_TASK_ALWAYS_EAGER = True
NOTIFICATION_SMS_BACKEND = "campaigns.notifications.MemorySMSBackend"
# Pages are served uncached unless a test turns the page cache on.
PAGE_CACHE_SECONDS = 0
# Admin login lockouts are tested on their own (tests/home/test_security.py).
AXES_ENABLED = False
