"""Key pages have no serious or critical accessibility problems, as axe-core sees them."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import BLOCKING

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "campaign",
        "article",
        "regulation index",
        "regulation",
        "search results",
        "volunteer index",
    ],
)
def test_page_has_no_serious_accessibility_problems(phone, key_pages, name):
    phone.goto(key_pages[name])

    violations = Axe().run(phone).response["violations"]

    minor = sorted(v["id"] for v in violations if v["impact"] not in BLOCKING)
    if minor:
        print(f"{name}: minor or moderate axe findings: {', '.join(minor)}")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}" for v in blocking
    )
