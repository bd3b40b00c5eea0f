from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("quiz-attempts/start/<int:quiz_id>/", views.start_quiz, name="start"),
    path("quiz-attempts/<uuid:token>/", views.attempt_page, name="attempt"),
    path("quiz-attempts/<uuid:token>/result/", views.result_page, name="result"),
    path("daily-question/", views.answer_daily_question, name="daily_answer"),
    path("daily-question/<uuid:token>/", views.daily_result, name="daily_result"),
]
