"""Every live page of the demo county is reachable from the home page within three links."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db
MOST_TAPS = 3


class Links(HTMLParser):
    """Collect the site's own addresses an HTML page links to."""

    def __init__(self, base):
        super().__init__()
        self.base, self.found = base, set()

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and not href.startswith(("mailto:", "tel:", "#")):
            parts = urlsplit(urljoin(self.base, href))
            if parts.netloc in ("", "testserver"):
                self.found.add(parts.path + (f"?{parts.query}" if parts.query else ""))


def links_on(client, address):
    response = client.get(address)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return set()
    parser = Links(address)
    parser.feed(response.content.decode())
    return parser.found


def reachable(client, start="/", taps=MOST_TAPS):
    """Return the paths reached from start by following at most taps links."""
    seen, frontier = {start}, {start}
    for _ in range(taps):
        frontier = {link for page in frontier for link in links_on(client, page)} - seen
        seen |= frontier
    return {address.split("?")[0] for address in seen}


def test_every_live_resident_page_of_the_demo_is_within_three_taps_of_home(client):
    call_command("load_demo", verbosity=0)
    pages = Page.objects.live().public().filter(depth__gt=1).specific()

    reached = reachable(client)

    missing = [f"{page.title} {page.url}" for page in pages if page.url not in reached]
    assert missing == []
