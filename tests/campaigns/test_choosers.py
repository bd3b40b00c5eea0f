"""Snippet choosers without a creation form answer 404 to a create request, not an error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    ["campaigns/town", "campaigns/neighbourhood", "campaigns/pledgesignature", "quizzes/question"],
)
def test_a_chooser_without_a_creation_form_has_nothing_to_create(client, admin_user, model):
    client.force_login(admin_user)

    response = client.post(f"/admin/snippets/choose/{model}/create/", {"name": "x"})

    assert response.status_code == 404
