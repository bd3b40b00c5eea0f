"""Public pages against the bare Django GET view, in one run on the same server.

Cached: an anonymous visitor, served from the page cache. Uncached: a visitor whose quiz device
cookie makes the server render the page every time, with all its queries.
"""

from tests.perf import harness

# Issue 7's targets, as ratios of the bare GET view.
CACHED_TARGET, UNCACHED_TARGET = 0.5, 0.05
RENDER = {"quiz_device": "bench"}
PAGE_TYPES = {
    "campaign": ("campaigns", "campaignpage"),
    "article": ("campaigns", "articlepage"),
    "regulation": ("campaigns", "regulationpage"),
    "quiz page": ("quizzes", "quizpage"),
    "文明榜 /reach/": ("campaigns", "reachpage"),
}


def pages():
    found = {"home": "/"}
    found.update({name: harness.page_path(*model) for name, model in PAGE_TYPES.items()})
    return found


def test_public_pages_against_the_bare_view(site_port, baseline):
    bare = baseline["get"]
    print(f"\n{bare.row(bare)}")
    missed = []
    for name, path in pages().items():
        for kind, cookies, target in (
            ("cached", None, CACHED_TARGET),
            ("uncached", RENDER, UNCACHED_TARGET),
        ):
            figures = harness.load(site_port, f"{name} ({kind})", harness.get(path, cookies))
            print(figures.row(bare))
            assert figures.errors == 0, figures.name
            if figures.ratio(bare) < target:
                missed.append(f"{figures.name}: {figures.ratio(bare):.3f} < {target}")
    search = harness.load(
        site_port, "search 垃圾 (uncached)", harness.get("/search/?q=%E5%9E%83%E5%9C%BE")
    )
    print(search.row(bare))
    if search.ratio(bare) < UNCACHED_TARGET:
        missed.append(f"{search.name}: {search.ratio(bare):.3f} < {UNCACHED_TARGET}")
    assert search.errors == 0
    assert not missed, missed
