"""Settings are read from the environment; each case runs Django in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'db': settings.DATABASES['default']['ENGINE'],"
    "'cache': settings.CACHES['default']['BACKEND'],"
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL}))"
)


def run(args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "WAGTAILADMIN_BASE_URL")
    }
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def show(**env):
    result = run(["-c", SHOW], DJANGO_SETTINGS_MODULE="campaign_site.settings.dev", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_no_environment_the_site_runs_embedded():
    assert show() == {
        "db": "django.db.backends.sqlite3",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "eager": True,
        "broker": "memory://localhost/",
    }


def test_database_and_redis_urls_switch_to_postgresql_and_redis():
    assert show(
        DATABASE_URL="postgres://u@db.example:5432/site", REDIS_URL="redis://cache.example:6379/0"
    ) == {
        "db": "django.db.backends.postgresql",
        "cache": "home.cache.ResilientRedisCache",
        "eager": False,
        "broker": "redis://cache.example:6379/0",
    }


def production(**env):
    return run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="campaign_site.settings.production",
        ALLOWED_HOSTS="wenming.example.gov.cn",
        **env,
    )


def test_production_refuses_to_start_without_its_secrets_and_public_address():
    missing_both = production()
    missing_key = production(SECRET_KEY="k" * 60)
    missing_address = production(SECRET_KEY="k" * 60, PARTICIPANT_KEY_SECRET="p" * 40)

    assert missing_both.returncode != 0 and "SECRET_KEY" in missing_both.stderr
    assert missing_key.returncode != 0 and "PARTICIPANT_KEY_SECRET" in missing_key.stderr
    # Text messages, QR codes and posters carry links built from it.
    assert missing_address.returncode != 0 and "WAGTAILADMIN_BASE_URL" in missing_address.stderr


def test_the_broker_can_be_kept_apart_from_the_cache():
    assert (
        show(
            REDIS_URL="redis://cache.example:6379/0",
            CELERY_BROKER_URL="redis://queue.example:6379/1",
        )["broker"]
        == "redis://queue.example:6379/1"
    )


def test_production_settings_pass_the_deployment_check():
    result = production(
        SECRET_KEY="x9!Qm2#vL7pR4sT8wY1zB6nC3dF5gH0jK-aE_uI*oP&lN@xV^bM",
        PARTICIPANT_KEY_SECRET="p" * 40,
        WAGTAILADMIN_BASE_URL="https://wenming.example.gov.cn",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_filesystem_broker_sends_tasks_to_a_worker_with_no_server_installed(tmp_path):
    shown = show(
        CELERY_BROKER_URL="filesystem://localhost/", CELERY_FILESYSTEM_FOLDER=str(tmp_path)
    )

    # The worker and the site share the page cache's generations through a cache on disk.
    assert shown["eager"] is False and shown["cache"].endswith("FileBasedCache")
