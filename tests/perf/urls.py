"""The project's URLs plus the bare Django views every figure is measured against."""

from django import forms
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from campaign_site.urls import urlpatterns as site_urlpatterns


class BareForm(forms.Form):
    name = forms.CharField(max_length=50)


def bare_get(request):
    return HttpResponse("ok")


def bare_form(request):
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')


@require_POST
def bare_post(request):
    form = BareForm(request.POST)
    if not form.is_valid():
        return HttpResponse("bad", status=400)
    return redirect("/bench/bare/")


urlpatterns = [
    path("bench/bare/", bare_get),
    path("bench/bare-form/", bare_form),
    path("bench/bare-post/", bare_post),
    *site_urlpatterns,
]
