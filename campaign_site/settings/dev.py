"""Local development: debug on, development secrets, mail printed to the console."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-not-for-production")
PARTICIPANT_KEY_SECRET = os.environ.get("PARTICIPANT_KEY_SECRET", "dev-only-participant-key")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
