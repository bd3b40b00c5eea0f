"""Hostile input to quizzes: starting an attempt, answering it, and the daily question."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from quizzes.attempts import drawn_answers
from quizzes.models import Question
from tests.hostile.conftest import (
    ANY,
    BAD,
    CJK,
    ENCODINGS,
    FIXED,
    GOOD,
    HOSTILE,
    MISSING,
    PHONE,
    XSS,
    Field,
    anything,
    assert_nothing_raw,
    assert_refused,
    bad_id,
    bad_phone,
    check,
    combine,
    describe,
    field,
    fresh_client,
    huge,
    message_of,
    post,
    rows,
    spoiled,
)

pytestmark = pytest.mark.django_db
LETTERS = "ABCDEF"
FOREIGN = ["question-999999", "question-abc", "question-", "question-0", "question--1"]


def bad_letter(letters):
    """An answer value that names no choice of a question lettered letters."""
    return st.one_of(
        st.sampled_from(["", "Z", "a", "AA", "A ", " A", "0", "-1", "Ａ", *FIXED]),
        st.text(max_size=5).filter(lambda s: s not in letters),
        huge(),
    ).filter(lambda s: s not in letters)


def answer(letters, multiple):
    """One question's answer: picks, tampered picks, or none."""
    if multiple:
        good = st.lists(st.sampled_from(letters), min_size=1, unique=True)
        twice = st.lists(st.sampled_from(letters), min_size=1, unique=True)
        bad = st.one_of(
            twice.map(lambda picks: picks + picks[:1]),
            st.lists(bad_letter(letters), min_size=1).map(lambda picks: [letters[0], *picks]),
        )
    else:
        good = st.sampled_from(letters)
        bad = st.one_of(
            bad_letter(letters), st.lists(st.sampled_from(letters), min_size=2, unique=True)
        )
    hostile = st.one_of(
        bad.map(lambda v: (v, BAD)),
        st.just((MISSING, BAD)),
        anything().map(lambda v: (v, ANY)),
    )
    return Field(good.map(lambda v: (v, GOOD)), hostile)


def answers(attempt):
    fields = {}
    for drawn in drawn_answers(attempt):
        letters = [letter for letter, _choice in drawn.options]
        multiple = drawn.question.kind == Question.Kind.MULTIPLE
        fields[f"question-{drawn.question_id}"] = answer(letters, multiple)
    extra = st.one_of(
        st.just({}),
        st.just({}),
        st.dictionaries(st.sampled_from(FOREIGN), st.sampled_from(LETTERS), min_size=1).map(
            lambda d: {k: (v, BAD) for k, v in d.items()}
        ),
        st.dictionaries(st.sampled_from(["question", "q-1", "foo"]), anything()).map(
            lambda d: {k: (v, GOOD) for k, v in d.items()}
        ),
    )
    return st.tuples(spoiled(fields), extra).map(lambda p: combine({**p[0], **p[1]}))


def resident(county):
    """Who answers: the quiz forms refuse any field sent twice, and a number without consent."""
    return {
        "neighbourhood": field([str(county.neighbourhood.pk)], bad_id(), repeat_is_bad=True),
        "phone": field(
            ["", PHONE, "+86 138 1234 5678"],
            bad_phone().filter(str.strip),
            required=False,
            repeat_is_bad=True,
        ),
        "consent": field(["on", ""], st.nothing(), required=False, repeat_is_bad=True),
    }


def with_consent_rule(drawn):
    data, tag = combine(drawn)
    phone, phone_tag = drawn["phone"]
    consent, _consent_tag = drawn["consent"]
    if phone_tag is GOOD and phone not in (MISSING, "") and consent in (MISSING, ""):
        tag = BAD
    return data, tag


@HOSTILE
@given(data=st.data(), encoding=ENCODINGS)
def test_any_quiz_start_is_taken_or_refused_clearly_and_nothing_half_saved(county, data, encoding):
    fields, tag = with_consent_rule(data.draw(spoiled(resident(county))))
    tag = BAD if encoding == "json" else tag
    client, before = fresh_client(), rows()

    response = post(client, county.quiz.url, fields, encoding)

    check(response, before, tag)
    if response.status_code == 302:
        assert response["Location"].startswith("/quiz-attempts/")


@HOSTILE
@given(data=st.data(), encoding=ENCODINGS)
def test_any_set_of_answers_is_scored_or_refused_clearly(county, data, encoding):
    attempt = county.new_attempt()
    fields, tag = data.draw(answers(attempt))
    tag = BAD if encoding == "json" else tag
    client, before = fresh_client(), rows()

    response = post(client, attempt.get_absolute_url(), fields, encoding)

    check(response, before, tag)
    attempt.refresh_from_db()
    assert attempt.is_submitted == (response.status_code == 302), response.status_code
    if attempt.is_submitted:
        assert response["Location"] == attempt.result_url() + "#score"


@pytest.mark.parametrize("payload", XSS)
def test_an_answer_payload_is_refused_without_being_echoed_raw(county, payload):
    attempt = county.new_attempt()
    fields = {f"question-{a.question_id}": payload for a in drawn_answers(attempt)}

    response = fresh_client().post(attempt.get_absolute_url(), fields)

    assert_refused(response, [400])
    assert_nothing_raw(response)


@HOSTILE
@given(token=st.uuids())
def test_an_unknown_attempt_is_not_found(county, token):
    for path in (reverse("quizzes:attempt", args=[token]), reverse("quizzes:result", args=[token])):
        response = fresh_client().post(path, {"question-1": "A"})
        assert_refused(response, [404])


@HOSTILE
@given(token=st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s))
def test_an_attempt_address_that_is_no_uuid_is_not_found(county, token):
    response = fresh_client().get(f"/quiz-attempts/{quote(token, safe='')}/")

    assert response.status_code in (301, 404), response.status_code


def daily_fields(county):
    letters = [letter for letter, _choice in county.daily.options]
    today = county.daily.date
    day = field(
        [today.isoformat()],
        st.one_of(
            st.dates().filter(lambda d: d != today).map(datetime.date.isoformat),
            st.sampled_from(["", "2026-02-30", "today", "0000-00-00", "9999-99-99", *FIXED]),
            huge(),
        ),
        repeat_is_bad=True,
    )
    fields = {"answer": answer(letters, multiple=False), "day": day, **resident(county)}
    return spoiled(fields).map(with_consent_rule)


@HOSTILE
@given(data=st.data(), encoding=ENCODINGS)
def test_any_daily_answer_is_graded_or_refused_clearly(county, data, encoding):
    fields, tag = data.draw(daily_fields(county))
    tag = BAD if encoding == "json" else tag
    client, before = fresh_client(), rows()

    response = post(client, reverse("quizzes:daily_answer"), fields, encoding)

    check(response, before, tag)
    if response.status_code == 302:
        assert response["Location"].startswith("/daily-question/")


@pytest.mark.parametrize("payload", XSS)
def test_a_daily_phone_payload_comes_back_escaped(county, payload):
    fields = {
        "answer": "A",
        "day": county.daily.date.isoformat(),
        "neighbourhood": county.neighbourhood.pk,
        "phone": payload,
        "consent": "on",
    }

    response = fresh_client().post(reverse("quizzes:daily_answer"), fields)

    assert_refused(response, [400])
    assert_nothing_raw(response)
    assert escape(payload) in response.content.decode()


def test_a_daily_answer_for_yesterday_is_refused(county):
    assert county.daily.date == timezone.localdate()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    fields = {"answer": "A", "day": yesterday.isoformat(), "neighbourhood": county.neighbourhood.pk}
    before = rows()

    response = fresh_client().post(reverse("quizzes:daily_answer"), fields)

    assert_refused(response, [400])
    assert rows() == before


@HOSTILE
@given(token=st.uuids())
def test_an_unknown_daily_result_is_not_found(county, token):
    response = fresh_client().get(reverse("quizzes:daily_result", args=[token]))

    assert_refused(response, [404])


def test_opening_the_daily_answer_address_leads_somewhere_readable(county):
    response = fresh_client().get(reverse("quizzes:daily_answer"))

    assert response.status_code == 302 or CJK.search(message_of(response)), describe(response)


@pytest.mark.parametrize("payload", XSS)
def test_a_quiz_start_phone_payload_comes_back_escaped(county, payload):
    fields = {"neighbourhood": county.neighbourhood.pk, "phone": payload, "consent": "on"}

    response = fresh_client().post(county.quiz.url, fields)

    assert_refused(response, [400])
    assert_nothing_raw(response)
    assert escape(payload) in response.content.decode()
