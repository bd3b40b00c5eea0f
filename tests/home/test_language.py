import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUE = LOCALE / "zh_Hans/LC_MESSAGES/django.po"
# Ours, and the strings Wagtail's own zh_Hans catalogues lack (admin and its JavaScript).
CATALOGUES = [CATALOGUE, *sorted((LOCALE / "wagtail/zh_Hans/LC_MESSAGES").glob("*.po"))]


def test_the_site_speaks_chinese_even_to_an_english_browser(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="zh-hans">' in response.content.decode()
    assert "跳到主要内容" in response.content.decode()


def test_a_resident_can_switch_to_english_and_back(client, home_page):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    chinese = client.get("/").content.decode()

    assert '<html lang="en">' in english and "Skip to main content" in english
    assert '<html lang="zh-hans">' in chinese


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parent.parent.parent.name)
def test_every_interface_string_has_a_chinese_translation(catalogue):
    text = catalogue.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]

    untranslated = [e for e in entries if re.search(r'msgstr(\[0\])? ""\n*$', e.strip() + "\n")]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert untranslated == [] and fuzzy == []
    assert catalogue.with_suffix(".mo").stat().st_mtime >= catalogue.stat().st_mtime - 1
