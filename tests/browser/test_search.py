"""A resident searches the site in Chinese from the header."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_searching_for_a_word_finds_the_regulation_that_contains_it(phone, waste_regulation):
    phone.goto("/")
    search_box = phone.get_by_role("banner").get_by_role("searchbox")
    search_box.fill("垃圾")
    search_box.press("Enter")

    result = phone.get_by_role("listitem").filter(
        has=phone.get_by_role("link", name=re.compile("垃圾分类"))
    )
    expect(result).to_contain_text(waste_regulation.title)
    expect(result.locator(".result-type")).to_have_text("法规")
