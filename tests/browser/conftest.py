"""Browser fixtures: one headless Chromium per session, a fresh phone-sized tab per test."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from campaigns import factories
from tests.conftest import require_service

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
BLOCKING = {"serious", "critical"}


def serious(page):
    """Return axe's serious and critical findings on the page, one line each."""
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in violations if v["impact"] in BLOCKING]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run browser tests last, so no other test runs while Playwright's event loop is open."""
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))


class OneAtATimeServer(WSGIServer):
    """Django's development server without threads, taking what the live server thread passes."""

    def __init__(self, *args, connections_override=None, **kwargs):
        # The live server thread has already put these connections in place for itself.
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """Serve the live server's requests one at a time when the test database is SQLite in memory.

    Its threads would all share the test's one connection (Django's connections_override), and two
    writes at once, such as the admin's autosave beside a preview, break each other's savepoints.
    Without threads Django closes each connection after its answer, so the browser just queues.
    """
    if connections["default"].vendor != "sqlite":
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", OneAtATimeServer)
        yield


@pytest.fixture(scope="session")
def browser(django_db_setup, django_db_blocker):
    require_service(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium")
    migrated_data = _empty_database(django_db_blocker)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API runs an event loop here, which Django's async guard would refuse.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        _share_migrated_data(migrated_data)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _empty_database(django_db_blocker):
    """Empty the test database; return the migrated rows serialized rollback restores per test."""
    migrated_data = {
        db.alias: db._test_serialized_contents
        for db in connections.all()
        if hasattr(db, "_test_serialized_contents")
    }
    with django_db_blocker.unblock():
        for alias in migrated_data:
            # Wagtail's Page() looks up its content type while rows are restored; once cached,
            # that lookup cannot insert a row that clashes with the restored one.
            ContentType.objects.db_manager(alias).get_for_models(*apps.get_models())
            # Rows post_migrate recreated after an earlier test's flush would clash too;
            # sequences keep counting, so new rows never take the ids of restored ones.
            call_command(
                "flush",
                database=alias,
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,
                verbosity=0,
            )
    return migrated_data


def _share_migrated_data(migrated_data):
    """Hand the migrated rows to the connections Django opens while Playwright's loop runs."""
    for alias, data in migrated_data.items():
        connections[alias]._test_serialized_contents = data


@pytest.fixture(autouse=True)
def _keep_page_tree(django_db_serialized_rollback):
    """Restore the migrated rows (home page, site) that each live-server test's flush removes."""


def watch_policy(page):
    """Collect what the Content-Security-Policy blocks on the page, as the browser reports it."""
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return blocked


def watch_errors(page):
    """Collect what a visitor's console shows as errors: script errors and failed loads.

    A page answered 400 is what a form with a mistake gets, so a failed load counts when it is a
    script, style, picture or request the page made, not the page itself.
    """
    errors = []

    def on_console(message):
        # Chromium also reports each failed load here; on_response has the address and kind.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", on_response)
    return errors


@pytest.fixture
def phone(browser, live_server):
    """Return a new tab, 360 px wide like a phone, with its own cookies, on the live server.

    Every page it visits runs under the site's Content-Security-Policy, which must block nothing,
    and must show no error in the browser's console.
    """
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    page = context.new_page()
    blocked, errors = watch_policy(page), watch_errors(page)
    yield page
    context.close()
    assert blocked == [], blocked
    assert errors == [], errors


@pytest.fixture
def waste_regulation(regulation_index):
    regulation = factories.RegulationPageFactory(
        parent=regulation_index,
        title="南昌县生活垃圾分类管理办法",
        summary="<p>居民应当按照可回收物、有害垃圾、厨余垃圾和其他垃圾四类投放。</p>",
    )
    regulation.tags.add("垃圾分类")
    regulation.save()
    return regulation


@pytest.fixture
def campaign(campaign_index):
    return factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")


@pytest.fixture
def article(campaign):
    return factories.ArticlePageFactory(parent=campaign, title="社区垃圾分类宣传周启动")


@pytest.fixture
def neighbourhood_pages(volunteer_index):
    town = factories.TownFactory(name="莲塘镇", slug="liantang")
    return [
        factories.NeighbourhoodVolunteerPageFactory(
            parent=volunteer_index,
            neighbourhood=factories.NeighbourhoodFactory(name=name, town=town),
        )
        for name in ("澄湖社区", "向阳社区")
    ]


@pytest.fixture
def key_pages(campaign, article, waste_regulation, news_index, neighbourhood_pages):
    """Return the address of each page residents reach most, with content to show."""
    volunteer_index = neighbourhood_pages[0].get_parent()
    return {
        "home": "/",
        "campaign": campaign.url,
        "article": article.url,
        "regulation index": waste_regulation.get_parent().url,
        "regulation": waste_regulation.url,
        "search results": "/search/?q=垃圾",
        "volunteer index": volunteer_index.url,
    }
