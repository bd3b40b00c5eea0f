"""WSGI entry point for gunicorn: production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign_site.settings.production")

application = get_wsgi_application()

# Load jieba's dictionary at start-up rather than on the first resident's search.
from home.chinese import segment  # noqa: E402

segment("文明城市")
