"""Helpers shared by the pledge tests."""

from django.urls import reverse


def sign_url(pledge):
    return reverse("sign_pledge", args=[pledge.pk])
