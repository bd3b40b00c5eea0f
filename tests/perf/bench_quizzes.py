"""Quiz starts and submissions under concurrent load on PostgreSQL, against the bare POST view."""

import re
import threading
import urllib.parse

import psycopg

from tests.perf import harness

QUIZ_URL = "/quizzes/bench-quiz/"
QUESTIONS = 10
SETUP = "from tests.perf.bench_quizzes import prepare_quiz; prepare_quiz()"
TOKEN = re.compile(r"/quiz-attempts/([0-9a-f-]{36})/")
FIELD = re.compile(r'type="(radio|checkbox)" name="(question-\d+)" value="A"')
NEIGHBOURHOOD = re.compile(r'name="neighbourhood".*?<option value="(\d+)"', re.DOTALL)
# The form that starts an attempt: the quiz page's only post form with no class of its own.
START_FORM = re.compile(r'<form method="post" action="([^"#]+)[^"]*">')


def prepare_quiz():
    """Add a ten-question quiz with no daily limit to the demo's quiz index (run in the shell)."""
    from quizzes.models import Question, QuizIndexPage, QuizPage, QuizQuestion

    index = QuizIndexPage.objects.get()
    if not QuizPage.objects.filter(slug="bench-quiz").exists():
        questions = Question.objects.order_by("pk")[:QUESTIONS]
        quiz = QuizPage(title="压力测试问答", slug="bench-quiz", attempts_per_day=None)
        quiz.quiz_questions = [
            QuizQuestion(question=q, sort_order=i) for i, q in enumerate(questions)
        ]
        index.add_child(instance=quiz)
        quiz.save_revision().publish()


def address(index):
    """Return a made-up resident address (RFC 2544's benchmarking range), as a proxy reports it."""
    return f"198.{18 + index // 65536 % 2}.{index // 256 % 256}.{index % 256}"


def post(client, path, fields, index):
    """POST a form as one resident behind their own address; return status and Location."""
    headers = {
        "Host": "127.0.0.1",
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://127.0.0.1{path}",
        "X-Real-IP": address(index),
        "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items()),
    }
    client.connection.request("POST", path, urllib.parse.urlencode(fields, doseq=True), headers)
    response = client.connection.getresponse()
    response.read()
    return response.status, response.getheader("Location", "")


class Residents:
    """What every simulated phone needs: a CSRF token, a neighbourhood, attempts to answer."""

    def __init__(self):
        self.tokens, self.lock, self.answers = [], threading.Lock(), None

    def prepare(self, client):
        if not hasattr(client, "csrf"):
            page = client.request("GET", QUIZ_URL)[1]
            client.csrf = harness.CSRF.search(page).group(1)
            client.neighbourhood = NEIGHBOURHOOD.search(page).group(1)
            client.start_path = START_FORM.search(page).group(1)

    def start(self, client, index):
        self.prepare(client)
        client.cookies.pop("quiz_device", None)
        fields = {
            "csrfmiddlewaretoken": client.csrf,
            "neighbourhood": client.neighbourhood,
            "phone": f"139{index:08d}",
            "consent": "on",
        }
        status, location = post(client, client.start_path, fields, index)
        match = TOKEN.search(location)
        if match:
            with self.lock:
                self.tokens.append(match.group(1))
        return status

    def submit(self, client, index):
        self.prepare(client)
        with self.lock:
            token = self.tokens.pop() if self.tokens else None
        if token is None:
            return None
        fields = {"csrfmiddlewaretoken": client.csrf, **self.answer_fields(client, token)}
        return post(client, f"/quiz-attempts/{token}/", fields, index)[0]

    def answer_fields(self, client, token):
        """Answer "A" to every question: the same fixed list serves every attempt."""
        if self.answers is None:
            page = client.request("GET", f"/quiz-attempts/{token}/")[1]
            self.answers = {name: "A" for _kind, name in FIELD.findall(page)}
            assert len(self.answers) == QUESTIONS
        return self.answers


def scored_rows():
    """Count the scored attempts and their quiz participations in the benchmark database."""
    with psycopg.connect(harness.database_url()) as connection:
        attempts = connection.execute(
            "SELECT count(*) FROM quizzes_attempt WHERE submitted_at IS NOT NULL"
        ).fetchone()[0]
        # Only rows logged for attempts: the demo's history holds quiz rows of its own.
        logged = connection.execute(
            "SELECT count(*) FROM campaigns_participation p"
            " JOIN django_content_type t ON t.id = p.source_type_id"
            " WHERE p.kind = 'quiz' AND t.app_label = 'quizzes' AND t.model = 'attempt'"
        ).fetchone()[0]
    return attempts, logged


def test_quiz_submissions_against_the_bare_post_view(site_port):
    harness.manage("shell", "-c", SETUP)
    residents = Residents()

    bare_before_start = harness.bare_post(site_port)
    started = harness.load(site_port, "quiz start (POST)", residents.start, seconds=15)
    bare_before_submit = harness.bare_post(site_port)
    submitted = harness.load(site_port, "quiz submit (POST, 10 q)", residents.submit)

    print(f"\n{bare_before_start.row(bare_before_start)}")
    print(started.row(bare_before_start))
    print(bare_before_submit.row(bare_before_submit))
    print(submitted.row(bare_before_submit))
    attempts, logged = scored_rows()
    print(f"scored attempts {attempts}, quiz participations {logged}")
    assert started.errors == submitted.errors == 0
    assert attempts == logged == submitted.requests
    for figures, bare in ((started, bare_before_start), (submitted, bare_before_submit)):
        assert figures.ratio(bare) >= harness.POST_TARGET, figures.name
