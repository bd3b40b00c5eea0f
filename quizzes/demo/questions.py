"""The demo's question bank: every question cites the article of a demo regulation that answers it.

Each question gives its regulation and article, its kind and difficulty (1 easy to 3 hard), any
topics besides its regulation's own, its text, its choices with the right ones marked by a leading
"*", and the explanation residents read after answering.
"""

from quizzes.demo import questions_city, questions_environment

QUESTIONS = questions_environment.QUESTIONS + questions_city.QUESTIONS
