"""Views residents use to take a quiz, see what they got wrong, and answer the daily question."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.residents import (
    participant_key,
    remember_neighbourhood,
    remembered_neighbourhood_id,
)
from home.pages import live_page, passed, visible_page_or_404
from home.ratelimit import client_ip, hit, too_many_requests
from quizzes import attempts, daily
from quizzes.devices import device_key, device_token, known_device_key, remember_device
from quizzes.forms import AnswerForm, DailyAnswerForm, ResidentForm
from quizzes.models import Attempt, DailyAnswer, QuizPage

# Limits per address are generous: a whole neighbourhood event may share one NAT address.
START_LIMIT_PER_ADDRESS = (600, 600)
START_LIMIT_PER_PHONE = (20, 3600)
SUBMIT_LIMIT_PER_ADDRESS = (1200, 600)
DAILY_LIMIT_PER_ADDRESS = (600, 600)
DAILY_LIMIT_PER_PHONE = (10, 3600)


def start_context(request, quiz, form=None):
    """Return what the quiz page shows around the form that starts an attempt."""
    # A preview of a quiz not yet saved has no attempts to count.
    device = known_device_key(request) if quiz.pk else None
    running = attempts.unfinished_attempt(quiz, device)
    initial = {"neighbourhood": remembered_neighbourhood_id(request)}
    return {
        "form": form if form is not None else ResidentForm(initial=initial),
        "state_message": state_message(quiz),
        "attempts_left": attempts.attempts_left(quiz, device),
        "running_url": running.get_absolute_url() if running else "",
        "limit_message": limit_message(quiz),
        "question_count": quiz.question_count(),
        # Posted outside Wagtail's page routing, as pledges and sign-ups are; a preview has no id.
        "start_url": reverse("quizzes:start", args=[quiz.pk]) if quiz.pk else quiz.url,
    }


def start_quiz(request, quiz_id):
    """Take the form that starts an attempt, posted here rather than to the quiz page."""
    quiz = visible_page_or_404(QuizPage, quiz_id, request)
    if request.method != "POST":
        return redirect(quiz.url)
    return start(request, quiz)


def start(request, quiz):
    """Start an attempt for the resident, or resume the one left running, and go to it."""
    if quiz.state != QuizPage.State.OPEN:
        return message(request, state_message(quiz), quiz.url, status=403)
    if not hit("quiz-start", client_ip(request), *START_LIMIT_PER_ADDRESS):
        return too_many_requests(request)
    form = ResidentForm(request.POST)
    if not form.is_valid():
        context = {"page": quiz, **start_context(request, quiz, form)}
        return render(request, quiz.get_template(request), context, status=400)
    data, token = form.cleaned_data, device_token(request)
    if data["phone"] and not hit("quiz-start-phone", data["phone"], *START_LIMIT_PER_PHONE):
        return too_many_requests(request)
    try:
        attempt = attempts.start_attempt(
            quiz,
            neighbourhood=data["neighbourhood"],
            participant=participant_key(data["phone"]) if data["phone"] else "",
            device=device_key(token),
            # A browser that never answered before has no attempt running to resume.
            resume=known_device_key(request) is not None,
        )
    except attempts.AttemptLimitReached:
        return message(request, limit_message(quiz), quiz.url, status=403)
    except attempts.QuizUnavailable:
        text = _("This quiz has no questions yet. Please come back later.")
        return message(request, text, quiz.url, status=403)
    # Each answer names its own fragment: the form's address ends in one meant for errors.
    response = redirect(attempt.get_absolute_url() + "#attempt")
    remember_neighbourhood(response, data["neighbourhood"])
    remember_device(response, token)
    return response


def attempt_page(request, token):
    """Show the questions of a running attempt; score it on POST."""
    attempt, restrictions = attempt_or_404(token)
    quiz = attempt.quiz
    if refusal := private_quiz_refusal(request, quiz, restrictions):
        return refusal
    if attempt.is_submitted:
        return redirect(attempt.result_url() + "#score")
    if attempt.deadline + attempts.GRACE <= timezone.now():
        return message(request, time_up_message(), quiz.url, status=403)
    answers = attempts.drawn_answers(attempt)
    if request.method == "POST":
        return submit(request, quiz, attempt, answers)
    return render_attempt(request, quiz, attempt, AnswerForm(answers))


def render_attempt(request, quiz, attempt, form, status=200):
    context = {
        "page": quiz,
        "attempt": attempt,
        "form": form,
        "action": attempt.get_absolute_url(),
        "timed": bool(quiz.time_limit),
    }
    response = render(request, "quizzes/attempt.html", context, status=status)
    return private(response)


def submit(request, quiz, attempt, answers):
    if not hit("quiz-submit", client_ip(request), *SUBMIT_LIMIT_PER_ADDRESS):
        return too_many_requests(request)
    form = AnswerForm(answers, request.POST)
    if not form.is_valid():
        return render_attempt(request, quiz, attempt, form, status=400)
    try:
        attempts.submit_attempt(attempt, form.picked())
    except attempts.AlreadySubmitted:
        pass
    except attempts.TimeIsUp:
        return message(request, time_up_message(), quiz.url, status=403)
    return redirect(attempt.result_url() + "#score")


def result_page(request, token):
    """Show the score and, for every question, the answer given, the right one and why."""
    attempt, restrictions = attempt_or_404(token)
    quiz = attempt.quiz
    if refusal := private_quiz_refusal(request, quiz, restrictions):
        return refusal
    if not attempt.is_submitted:
        return redirect(attempt)
    left = attempts.attempts_left(quiz, known_device_key(request))
    context = {
        "page": quiz,
        "attempt": attempt,
        "answers": attempts.answers_of(attempt),
        "can_retry": quiz.state == QuizPage.State.OPEN and left != 0,
        "attempts_left": left,
        "state_message": state_message(quiz),
        "limit_message": limit_message(quiz),
    }
    return private(render(request, "quizzes/result.html", context))


def answer_daily_question(request):
    """Grade an answer to today's question and show the explanation on its own page."""
    if request.method != "POST":
        return redirect("/")
    question = daily.question_for(timezone.localdate())
    if question is None:
        raise Http404
    if not hit("daily-question", client_ip(request), *DAILY_LIMIT_PER_ADDRESS):
        return too_many_requests(request)
    form = DailyAnswerForm(question, request.POST)
    if not form.is_valid():
        context = {"daily": question, "daily_form": form}
        return render(request, "quizzes/daily_question.html", context, status=400)
    data, token = form.cleaned_data, device_token(request)
    if data["phone"] and not hit("daily-question-phone", data["phone"], *DAILY_LIMIT_PER_PHONE):
        return too_many_requests(request)
    answer = daily.answer_daily(
        question,
        picks=form.picks(),
        neighbourhood=data["neighbourhood"],
        participant=participant_key(data["phone"]) if data["phone"] else "",
        device=device_key(token),
    )
    response = redirect(reverse("quizzes:daily_result", args=[answer.token]) + "#result")
    remember_neighbourhood(response, data["neighbourhood"])
    remember_device(response, token)
    return response


def daily_result(request, token):
    """Show a daily answer: right or wrong, the right answer and the article that says so."""
    answers = DailyAnswer.objects.select_related("daily__question__regulation")
    answers = answers.prefetch_related("daily__question__choices", "chosen")
    answer = get_object_or_404(answers, token=token)
    context = {"answer": answer, "daily": answer.daily}
    return private(render(request, "quizzes/daily_result.html", context))


def state_message(quiz):
    if quiz.state == QuizPage.State.NOT_OPEN:
        return _("This quiz is not open yet.")
    if quiz.state == QuizPage.State.CLOSED:
        return _("This quiz has closed.")
    return ""


def limit_message(quiz):
    count = quiz.attempts_per_day or 0
    return ngettext(
        "You have used today's %(count)s attempt at this quiz. Please come back tomorrow.",
        "You have used today's %(count)s attempts at this quiz. Please come back tomorrow.",
        count,
    ) % {"count": count}


def time_up_message():
    return _("The time for this attempt is up, so its answers could not be scored.")


def message(request, text, back, status):
    context = {"message": text, "back": back}
    return render(request, "home/message.html", context, status=status)


def attempt_or_404(token):
    """Return the attempt with this token, its live quiz attached, and the quiz's restrictions."""
    attempt = get_object_or_404(Attempt.objects.select_related("neighbourhood"), token=token)
    quiz, restrictions = live_page(QuizPage, attempt.quiz_id)
    if quiz is None:
        raise Http404
    attempt.quiz = quiz
    return attempt, restrictions


def private_quiz_refusal(request, quiz, restrictions):
    """Send visitors of a private quiz to the quiz page, where Wagtail asks who they are."""
    return None if passed(restrictions, request) else redirect(quiz.url)


def private(response):
    """Keep a page at an unguessable address out of shared caches and search engines."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
