"""Public pages against the bare Django GET view, in one run on the same server."""

from tests.perf import harness

PAGES = {
    "home": "/",
    "regulation index": "/regulations/",
    "search 垃圾": "/search/?q=%E5%9E%83%E5%9C%BE",
}


def test_public_pages_against_the_bare_view(site_port, baseline):
    print(f"\n{baseline['get'].row(baseline['get'])}")
    for name, path in PAGES.items():
        figures = harness.load(site_port, name, harness.get(path))
        print(figures.row(baseline["get"]))
        assert figures.errors == 0
