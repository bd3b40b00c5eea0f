"""Hostile input: a small county to attack, the strategies that attack it, and what must hold.

Every test posts generated values to a public form or endpoint and checks the same bars
(DESIGN §11): never a 5xx; a 4xx carries a clear Chinese message; nothing is written on a 4xx;
nothing reflected comes back unescaped. Values are tagged by how the form must treat them:
BAD (the request must be refused), GOOD, or ANY (whatever the answer, the bars still hold).
"""

import datetime
import json
import re
import uuid
from functools import cached_property
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event, note, settings
from hypothesis import strategies as st

from campaigns import api_keys, factories
from campaigns.demo.pages import build_reach_page
from campaigns.models import Participation, PledgeSignature, VolunteerSignup
from campaigns.volunteering import sign_up
from quizzes import attempts
from quizzes import factories as quiz_factories
from quizzes.models import Answer, Attempt, DailyAnswer, Question

# Fixed seed, no example database, no deadline: the runs are the same on every machine.
HOSTILE = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=40,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


PHONE = "13812345678"
GOOD, BAD, ANY = False, True, None
MISSING = object()
CJK = re.compile(r"[\u4e00-\u9fff]")
ALERT = re.compile(
    r'<(?:p|div|h1)[^>]*(?:role="alert"|class="(?:error|message|form-errors)")[^>]*>(.*?)</(?:p|div|h1)>',
    re.DOTALL,
)
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
# Fragments that appear only if a payload below reached the page unescaped.
RAW_FRAGMENTS = (
    "<script>alert(",
    "<img src=x onerror",
    "<svg onload",
    '<iframe src="javascript',
    "<b data-hostile",
    'href="javascript:',
)

XSS = [
    '<script>alert("hostile")</script>',
    '"><img src=x onerror=alert("hostile")>',
    "'><svg onload=alert('hostile')>",
    '</textarea><iframe src="javascript:alert(1)">',
    "javascript:alert(1)",
]
QUERY_SYNTAX = [
    "' OR 1=1 --",
    '"',
    '""',
    "*",
    "OR",
    "AND",
    "NOT",
    "NEAR(",
    'NEAR("垃圾" "分类", 2)',
    "垃圾 OR 分类",
    "title:垃圾",
    "a AND NOT b",
    "%",
    "_",
    "\\",
    "^",
    "-垃圾",
    "{}",
    "[]",
    "(",
    ")",
    "'); DROP TABLE campaigns_pledgesignature; --",
]
CONTROL = [
    "\x00",
    "a\x00b",
    "垃圾\x00分类",
    "\r\nSet-Cookie: hacked=1",
    "\nLocation: https://evil.example",
    "\u202e",
    "\ufeff",
    "\x1b[31m",
    "\x7f",
    "\x0b\x0c",
]
NUMBERS = [
    "-1",
    "0",
    "2147483648",
    "9223372036854775808",
    "9" * 40,
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "1.5",
    "²",
    "١٢",
    "１",
    "+1",
    "1_000",
]
FIXED = XSS + QUERY_SYNTAX + CONTROL + NUMBERS


# Strategies


def huge(min_size=10_000):
    """Long strings, kept under Django's 2.5 MB request limit (test_transport goes past it)."""
    # Six fields of 40,000 percent-encoded Chinese characters still fit in 2.5 MB.
    sizes = st.sampled_from([s for s in (10_000, 40_000) if s >= min_size])
    return st.builds(lambda n, ch: ch * n, sizes, st.sampled_from(["张", "a", "<", "9", "\x00"]))


def anything():
    """Any value a client can send: unicode without surrogates, payloads, numbers, long text."""
    tagged = st.builds(lambda s: f'<b data-hostile="{s}">', st.text(max_size=20))
    return st.one_of(
        st.text(max_size=200), st.sampled_from(FIXED), tagged, st.integers().map(str), huge()
    )


def bad_name():
    """Names the form must refuse: not starting with a letter, with digits, or too long."""
    return st.one_of(
        st.sampled_from([v for v in FIXED if re.search(r"[^\w·• .'-]|\d|\x00|^\W*$", v)]),
        st.sampled_from(["", "   ", "张" * 21, "·张三", "-", "张三1"]),
        st.text(max_size=40).map(lambda s: "<" + s),
        st.text(max_size=40).map(lambda s: "张" + s + "7"),
        st.integers().map(str),
        huge(),
    )


def bad_phone():
    """Numbers the form must refuse: letters or symbols in them, or the wrong count of digits."""
    wrong_length = st.integers(0, 10**40).map(str).filter(lambda s: len(s) not in (11, 13))
    return st.one_of(
        st.sampled_from(FIXED),
        # Full-width digits are left out: test_the_same_number_in_full_width_digits_… covers them.
        st.sampled_from(["", "  ", "12345", "23812345678", "1381234567x"]),
        st.text(max_size=40).map(lambda s: "x" + s),
        wrong_length,
        huge(),
    )


def no_such_id(value):
    """Whether value cannot name a row: Python's int() also reads "１", "+1" and "1_000"."""
    try:
        number = int(value)
    except ValueError:
        return True
    return number <= 0 or number > 10**7


def bad_id():
    """Neighbourhood ids the form must refuse: no such row, not a number, out of any range."""
    return st.one_of(
        st.sampled_from([v for v in FIXED + ["", "abc", "1 OR 1=1", "99999999"] if no_such_id(v)]),
        st.integers(min_value=10**8).map(str),
        st.integers(max_value=0).map(str),
        st.text(max_size=30).map(lambda s: "x" + s),
        huge(),
    )


class Field:
    """How to fill one form field: its good values, and every way to spoil it."""

    def __init__(self, good, hostile):
        self.good, self.hostile = good, hostile


def field(good, bad, *, required=True, any_values=True, repeat_is_bad=False):
    """A field drawn as (value, tag): a good value, a bad one, an arbitrary one, both, or none."""
    goods = st.sampled_from(good).map(lambda v: (v, GOOD))
    bads = bad.map(lambda v: (v, BAD))
    pairs = st.tuples(goods, bads)
    hostile = [
        bads,
        bads,
        # A repeated field: Django reads the last value; the quiz forms refuse repeats outright.
        pairs.map(lambda p: ([p[0][0], p[1][0]], BAD)),
        pairs.map(lambda p: ([p[1][0], p[0][0]], BAD if repeat_is_bad else GOOD)),
        st.just((MISSING, BAD if required else GOOD)),
    ]
    if any_values:
        hostile.append(anything().map(lambda v: (v, ANY)))
    return Field(goods, st.one_of(*hostile))


def consent_field():
    """A tick box: only a missing, empty or explicitly false value leaves it unticked."""
    return field(["on", "1", "yes"], st.sampled_from(["", "false", "False", "0"]), any_values=False)


def spoiled(fields):
    """Draw {name: (value, tag)}: all good, one field spoiled, or several."""
    names = sorted(fields)
    chosen = st.one_of(
        st.just(frozenset()),
        st.sampled_from(names).map(lambda name: frozenset([name])),
        st.frozensets(st.sampled_from(names), min_size=min(2, len(names))),
    )
    return chosen.flatmap(
        lambda spoilt: st.fixed_dictionaries(
            {name: f.hostile if name in spoilt else f.good for name, f in fields.items()}
        )
    )


def form(**fields):
    """Draw a whole form: (data, tag of the whole form)."""
    return spoiled(fields).map(combine)


def combine(drawn):
    data = {name: value for name, (value, _tag) in drawn.items() if value is not MISSING}
    tags = {tag for _value, tag in drawn.values()}
    tag = BAD if BAD in tags else (ANY if ANY in tags else GOOD)
    return data, tag


ENCODINGS = st.sampled_from(["multipart", "urlencoded", "urlencoded", "json"])


# Requests


def fresh_client(**defaults):
    """A cookieless client that returns 500s instead of raising, with the limits reset."""
    cache.clear()
    defaults.setdefault("HTTP_X_REAL_IP", f"198.51.100.{uuid.uuid4().int % 250}")
    return Client(raise_request_exception=False, **defaults)


def post(client, url, data, encoding="multipart", **extra):
    """POST data the way a browser, a script or a confused client would send it."""
    note(f"POST {url} as {encoding}: {data!r}"[:3000])
    if encoding == "urlencoded":
        body = urlencode(data, doseq=True)
        return client.post(url, body, content_type="application/x-www-form-urlencoded", **extra)
    if encoding == "json":
        return client.post(url, json.dumps(data), content_type="application/json", **extra)
    return client.post(url, data, **extra)


# What must hold


def describe(response):
    exc = getattr(response, "exc_info", None)
    cause = f"{exc[0].__name__}: {exc[1]}" if exc else ""
    return f"{response.status_code} {cause} {response.content[:300]!r}"


def text_of(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def message_of(response):
    """Return the message a refused visitor reads: the JSON error, or the page's alerts."""
    if response.get("Content-Type", "").startswith("application/json"):
        return response.json().get("error", "")
    html = response.content.decode()
    return " ".join(ALERT.findall(html) or HEADING.findall(html))


def assert_handled(response):
    assert response.status_code < 500, describe(response)


def assert_refused(response, statuses=range(400, 500), *, chinese=True):
    """A clear refusal: a 4xx with a message, written in Chinese unless told otherwise."""
    assert response.status_code in statuses, describe(response)
    message = message_of(response)
    assert message.strip(), f"no message in {describe(response)}"
    if chinese:
        assert CJK.search(message), f"not in Chinese: {describe(response)}: {message[:300]!r}"
    if response.status_code == 429:
        assert response["Retry-After"]


def assert_nothing_raw(response):
    """No payload reached the page unescaped, and no header was injected."""
    text = text_of(response)
    for fragment in RAW_FRAGMENTS:
        assert fragment not in text, f"unescaped {fragment!r} in {describe(response)}"
    for name, value in response.items():
        assert not re.search(r"[\r\n\x00]", name + value), f"header injected: {name}: {value!r}"
    assert "hacked" not in response.cookies


def rows():
    """What residents' requests may write, counted: inserts and the updates a form makes."""
    return {
        "signatures": PledgeSignature.objects.count(),
        "signups": VolunteerSignup.objects.count(),
        "cancelled": VolunteerSignup.objects.filter(status="cancelled").count(),
        "checked_in": VolunteerSignup.objects.exclude(checked_in_at=None).count(),
        "attempts": Attempt.objects.count(),
        "submitted": Attempt.objects.exclude(submitted_at=None).count(),
        "answers": Answer.objects.count(),
        "daily_answers": DailyAnswer.objects.count(),
        "participations": Participation.objects.count(),
    }


def check(response, before, tag, *, success=range(200, 400), chinese=True):
    """The bars for one request: handled, refused clearly and cleanly when bad, never raw."""
    event(f"{ {GOOD: 'good', BAD: 'bad', ANY: 'any'}[tag] } input → {response.status_code}")
    assert_handled(response)
    assert_nothing_raw(response)
    if tag is BAD:
        assert_refused(response, chinese=chinese)
    if tag is GOOD:
        assert response.status_code in success, describe(response)
    if response.status_code >= 400:
        assert_refused(response, chinese=chinese)
        assert rows() == before, f"rows written on {describe(response)}"


# The county under attack


@pytest.fixture
def county(home_page):
    """One of everything residents can act on, all open, built when a test first asks for it."""
    return County(home_page)


class County:
    def __init__(self, home_page):
        self.home_page = home_page

    @cached_property
    def neighbourhood(self):
        return factories.NeighbourhoodFactory(name="澄湖社区", population=5000)

    @cached_property
    def campaign(self):
        index = factories.CampaignIndexPageFactory(parent=self.home_page)
        campaign = factories.CampaignPageFactory(parent=index, title="垃圾分类进社区")
        campaign.tags.add("垃圾分类")
        campaign.save()
        return campaign

    @cached_property
    def pledge(self):
        return factories.PledgePageFactory(parent=self.campaign, goal=10)

    @cached_property
    def room(self):
        index = factories.VolunteerIndexPageFactory(parent=self.home_page)
        return factories.NeighbourhoodVolunteerPageFactory(
            parent=index, neighbourhood=self.neighbourhood
        )

    @cached_property
    def event(self):
        return factories.VolunteerEventPageFactory(parent=self.room, capacity=500)

    @cached_property
    def running(self):
        """An activity that started ten minutes ago, open for checking in."""
        now = timezone.now()
        return factories.VolunteerEventPageFactory(
            parent=self.room,
            starts_at=now - datetime.timedelta(minutes=10),
            ends_at=now + datetime.timedelta(hours=2),
        )

    @cached_property
    def signup(self):
        """PHONE's place at the running activity."""
        signup, _created = sign_up(
            self.running, name="王五", neighbourhood=self.neighbourhood, phone=PHONE
        )
        return signup

    @cached_property
    def questions(self):
        index = factories.RegulationIndexPageFactory(parent=self.home_page)
        regulation = factories.RegulationPageFactory(parent=index, title="垃圾分类管理办法")
        return [
            quiz_factories.QuestionFactory(
                text="废纸箱应当投放到哪种颜色的收集容器？",
                choices=[("蓝色", True), ("绿色", False), ("灰色", False)],
                regulation=regulation,
                article_number=12,
            ),
            quiz_factories.QuestionFactory(
                text="下列哪些属于有害垃圾？",
                kind=Question.Kind.MULTIPLE,
                choices=[("废电池", True), ("过期药品", True), ("菜叶", False), ("卫生纸", False)],
                regulation=regulation,
                article_number=3,
            ),
            quiz_factories.QuestionFactory(
                text="厨余垃圾可以连同塑料袋一起投入绿色桶。",
                kind=Question.Kind.TRUE_FALSE,
                choices=[("正确", False), ("错误", True)],
                regulation=regulation,
                article_number=12,
            ),
        ]

    @cached_property
    def quiz(self):
        return quiz_factories.QuizPageFactory(
            parent=self.campaign, questions=self.questions, attempts_per_day=None
        )

    @cached_property
    def daily(self):
        return quiz_factories.DailyQuestionFactory(
            date=timezone.localdate(), question=self.questions[0]
        )

    @cached_property
    def reach_page(self):
        return build_reach_page(self.home_page)

    @cached_property
    def api_key(self):
        return api_keys.issue("hostile")[1]

    def new_attempt(self):
        """A fresh running attempt on the quiz, as if started from a new phone."""
        return attempts.start_attempt(
            self.quiz,
            neighbourhood=self.neighbourhood,
            participant="",
            device=f"device:{uuid.uuid4().hex}",
        )
