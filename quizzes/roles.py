"""What publicity staff may do with the question bank and the daily questions."""

from django.contrib.auth.models import Permission

STAFF_QUIZ_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("question", "dailyquestion")
    for action in ("add", "change", "delete", "view")
]


def grant_quiz_bank(group):
    """Let a group write, edit and schedule questions; quiz pages follow page permissions."""
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="quizzes", codename__in=STAFF_QUIZ_PERMISSIONS
        )
    )
