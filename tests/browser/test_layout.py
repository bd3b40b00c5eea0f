"""Key pages fit a 360 px phone screen without sideways scrolling."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", ["home", "campaign", "article", "regulation", "search results"])
def test_page_fits_a_phone_screen_without_horizontal_scrolling(phone, key_pages, name):
    phone.goto(key_pages[name])

    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
