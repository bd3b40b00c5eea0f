"""Who reaches which admin view, report, export and API endpoint (issue 7, item 5; DESIGN §2, §7).

TABLE below is the matrix: a row per request, a column per role (anonymous, committee A,
committee B, publicity staff, administrator), a cell per expected outcome; ENDPOINTS says how
each row's request is made and what an ok answer may show. Each cell is one test.

Outcomes, exactly as this site answers them:

- ok       GET: 200. POST: 200 without form errors, or a redirect that is neither the login page
           nor the dashboard, and the change was made (or, for a resident already counted, not).
- login    a redirect to the admin login page (anonymous visitors to any admin address).
- denied   Wagtail's answer to PermissionDenied in the admin: a redirect to the dashboard with
           "Sorry, you do not have permission to access this area." queued as an error message.
- 403      a plain 403, as the QR-code and poster views answer on purpose (campaigns/qr.py,
           campaigns/poster_views.py).
- hidden   404: the row exists but belongs to another neighbourhood, so the user is told nothing.
- refused  a POST answered with the form again (200, with errors) and nothing saved.
- 401      the reach API without a valid key; a logged-in session is no key.
- room     the page explorer's answer to a committee exploring outside its own subtree: a
           redirect to the explorer of its own neighbourhood volunteer page.

Where an endpoint names texts to look for (sees), an ok answer must contain each text exactly
when the role is listed for it: committee A's export holds A's rows and not B's, and so on. CSV
and XLSX exports are read cell by cell, and choosers' JSON is decoded first.

The world is built once for the module inside a transaction that is rolled back at the end;
each test runs in a savepoint inside it, so POST rows leave nothing behind.
"""

import datetime
import io
import json
from dataclasses import dataclass, field
from types import SimpleNamespace

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log
from wagtail.models import Page, Site
from wagtail.search import index

from campaigns import api_keys, factories, reach
from campaigns.models import ApiToken, PledgeSignature, VolunteerSignup
from campaigns.pledges import sign_pledge
from campaigns.roles import (
    ensure_committee_group,
    ensure_publicity_staff_group,
    ensure_volunteer_workflow,
)
from campaigns.volunteering import sign_up
from home.models import SiteSettings
from quizzes import factories as quiz_factories

ROLES = ("anonymous", "committee_a", "committee_b", "staff", "admin")
OUTCOMES = OK, LOGIN, DENIED, FORBIDDEN, HIDDEN, REFUSED, UNAUTHORIZED, ROOM = (
    "ok",
    "login",
    "denied",
    "403",
    "hidden",
    "refused",
    "401",
    "room",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PHONE_A, PHONE_B = "13811110001", "13822220002"


# The world: two neighbourhoods with a committee each, staff, an administrator, and some data.


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def build_world():
    home = Site.objects.get(is_default_site=True).root_page.specific
    campaign_index = factories.CampaignIndexPageFactory(parent=home)
    volunteer_index = factories.VolunteerIndexPageFactory(parent=home)
    ensure_volunteer_workflow(volunteer_index)
    town = factories.TownFactory(name="莲塘镇")
    place_a = factories.NeighbourhoodFactory(name="澄湖社区", town=town)
    place_b = factories.NeighbourhoodFactory(name="向阳社区", town=town)
    room_a = factories.NeighbourhoodVolunteerPageFactory(
        parent=volunteer_index, neighbourhood=place_a, title="澄湖志愿服务站"
    )
    room_b = factories.NeighbourhoodVolunteerPageFactory(
        parent=volunteer_index, neighbourhood=place_b, title="向阳志愿服务站"
    )
    campaign = factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")
    campaign.target_neighbourhoods = [place_a, place_b]
    campaign.save_revision().publish()
    pledge = factories.PledgePageFactory(parent=campaign, title="文明养犬公约")
    signature_a = sign_pledge(pledge, name="林澄一", neighbourhood=place_a, phone="13500000001")
    signature_b = sign_pledge(pledge, name="王向二", neighbourhood=place_b, phone="13500000002")
    event_a = factories.VolunteerEventPageFactory(parent=room_a, title="澄湖楼道清理")
    event_b = factories.VolunteerEventPageFactory(parent=room_b, title="向阳河岸捡拾")
    signup_a, _ = sign_up(event_a, name="赵澄三", neighbourhood=place_a, phone=PHONE_A)
    signup_b, _ = sign_up(event_b, name="钱向四", neighbourhood=place_b, phone=PHONE_B)
    # Under way since an hour ago, so attendance and hours may be entered for them.
    for event in (event_a, event_b):
        event.starts_at = timezone.now() - datetime.timedelta(hours=1)
        event.ends_at = event.starts_at + datetime.timedelta(hours=3)
        event.save()
    question = quiz_factories.QuestionFactory(text="废纸箱应投放到哪类收集容器？")
    quiz = quiz_factories.QuizPageFactory(
        parent=campaign, title="分类知识问答", questions=[question]
    )
    token, key = api_keys.issue("数字城管平台")
    revoked, revoked_key = api_keys.issue("已停用的平台")
    api_keys.revoke(revoked.name)
    reach.roll_up()
    # The search index is updated once a transaction commits, and this one never does.
    for indexed in (room_a, room_b, event_a, event_b):
        index.insert_or_update_object(indexed)

    users = {"anonymous": None}
    for role, group in (
        ("committee_a", ensure_committee_group(room_a)),
        ("committee_b", ensure_committee_group(room_b)),
        ("staff", ensure_publicity_staff_group()),
    ):
        users[role] = get_user_model().objects.create_user(role, password="pw")
        users[role].groups.add(group)
    users["admin"] = get_user_model().objects.create_superuser("admin", password="pw")
    rooms = {"committee_a": room_a, "committee_b": room_b}
    # Search results link to the editor; the query itself is shown back to everyone.
    event_a_edit, event_b_edit = (f"/admin/pages/{e.pk}/edit/" for e in (event_a, event_b))
    for edited in (room_a, room_b):
        log(edited, "wagtail.edit", user=users["admin"])
    return SimpleNamespace(**locals())


# The table: a row per request, a column per role. A cell ending in "!" is the outcome the
# request should have but does not yet: a hole, described in BUGS and kept as a strict xfail.

TABLE = """
# request                                anonymous committee_a committee_b staff   admin
# -- Wagtail's own views
dashboard                                login     ok          ok          ok      ok
explore volunteer index                  login     room        room        ok      ok
explore room A                           login     ok          room        ok      ok
edit room A                              login     ok          denied      ok      ok
edit room B                              login     denied      ok          ok      ok
edit event A                             login     ok          denied      ok      ok
edit campaign                            login     denied      denied      ok      ok
add event under room A                   login     ok          denied      ok      ok
add event under room B                   login     denied      ok          ok      ok
history of room B                        login     denied      ok          ok      ok
draft of event B                         login     denied      ok          ok      ok
unpublish event B                        login     denied      denied      ok      ok
delete event A                           login     denied      denied      ok      ok
POST move event A into room B            login     denied      denied      ok      ok
POST copy event A into room B            login     refused     denied      ok      ok
POST lock room B                         login     denied      denied      ok      ok
page chooser in room B                   login     ok          ok          ok      ok
page search for event A                  login     ok          ok          ok      ok
page search for event B                  login     ok          ok          ok      ok
site history                             login     ok          ok          ok      ok
users                                    login     denied      denied      denied  ok
groups                                   login     denied      denied      denied  ok
site settings                            login     denied      denied      denied  ok
# -- places: administrators keep them; every admin user may choose a neighbourhood
town list                                login     denied      denied      denied  ok
town edit                                login     denied      denied      denied  ok
neighbourhood list                       login     denied      denied      denied  ok
neighbourhood edit                       login     denied      denied      denied  ok
neighbourhood chooser                    login     ok          ok          ok      ok
# -- the quiz bank: publicity staff; Wagtail's chooser shows question texts (no answers) to all
question list                            login     denied      denied      ok      ok
question edit                            login     denied      denied      ok      ok
daily question list                      login     denied      denied      ok      ok
question chooser                         login     ok          ok          ok      ok
# -- pledge signatures: each committee its own neighbourhood's
signature list                           login     ok          ok          ok      ok
signature export csv                     login     ok          ok          ok      ok
signature export xlsx                    login     ok          ok          ok      ok
signatures of B csv                      login     ok          ok          ok      ok
signature chooser                        login     ok          ok          ok      ok
signature A chosen                       login     ok          hidden      ok      ok
signature A edit                         login     denied      hidden      denied  ok
signature A history                      login     ok          hidden      ok      ok
signature A history results              login     ok          hidden      ok      ok
signature A usage                        login     denied      hidden      denied  ok
signature A delete                       login     denied      hidden      denied  ok
paper signature form                     login     ok          ok          ok      ok
POST paper signature for A               login     ok          refused     ok      ok
POST paper signature, B's number         login     ok          refused     refused refused
# -- volunteer sign-ups: each committee its own activities'
sign-up list                             login     ok          ok          ok      ok
sign-ups of event A                      login     ok          ok          ok      ok
sign-ups of event B                      login     ok          ok          ok      ok
sign-ups of event A csv                  login     ok          ok          ok      ok
sign-ups of event A xlsx                 login     ok          ok          ok      ok
all sign-ups csv                         login     ok          ok          ok      ok
sign-up chooser                          login     ok          ok          ok      ok
sign-up A chosen                         login     ok          hidden      ok      ok
sign-up A edit                           login     ok          hidden      ok      ok
sign-up A history                        login     ok          hidden      ok      ok
sign-up A history results                login     ok          hidden      ok      ok
sign-up A usage                          login     ok          hidden      ok      ok
POST correct sign-up A hours             login     ok          hidden      ok      ok
paper attendance form                    login     ok          ok          ok      ok
POST paper attendance for event A        login     ok          refused     ok      ok
event A roster                           login     ok          403         ok      ok
POST event A roster                      login     ok          403         ok      ok
# -- reports and their exports
signature report                         login     ok          ok          ok      ok
signature report results                 login     ok          ok          ok      ok
signature report csv                     login     ok          ok          ok      ok
quiz results                             login     ok          ok          ok      ok
quiz results csv                         login     ok          ok          ok      ok
quiz report                              login     denied      denied      ok      ok
quiz report results                      login     denied      denied      ok      ok
quiz report xlsx                         login     denied      denied      ok      ok
reach report                             login     ok          ok          ok      ok
reach report results                     login     ok          ok          ok      ok
reach report csv                         login     ok          ok          ok      ok
reach report xlsx                        login     ok          ok          ok      ok
reach report of a town csv               login     ok          ok          ok      ok
# -- posters and QR codes
event A check-in QR sheet                login     ok          403         ok      ok
event A check-in QR svg                  login     ok          403         ok      ok
poster chooser                           login     ok          ok          ok      ok
poster chooser for campaign              login     ok          ok          ok      ok
posters for A and B                      login     403         403         ok      ok
poster for A                             login     ok          403         ok      ok
poster for B                             login     403         ok          ok      ok
# -- API keys: administrators only
API key list                             login     denied      denied      denied  ok
API key form                             login     denied      denied      denied  ok
API key edit                             login     denied      denied      denied  ok
API key history                          login     denied      denied      denied  ok
API key delete                           login     denied      denied      denied  ok
API key chooser                          login     denied      denied      denied  ok
API key chosen                           login     denied      denied      denied  ok
POST make an API key                     login     denied      denied      denied  ok
# -- the JSON API: a key, never a session
API reach, no key                        401       401         401         401     401
API campaigns, no key                    401       401         401         401     401
API neighbourhoods, no key               401       401         401         401     401
API reach, revoked key                   401       401         401         401     401
API reach, key                           ok        ok          ok          ok      ok
API campaigns, key                       ok        ok          ok          ok      ok
API neighbourhoods, key                  ok        ok          ok          ok      ok
API schema                               ok        ok          ok          ok      ok
"""

# Why a cell ends in "!". Exact requests and proposed fixes are in the issue 7 report.
BUGS = {}


# The requests


@dataclass
class Endpoint:
    name: str
    url: object  # world -> address; a name starting "POST " is posted, any other is a GET
    data: object = None  # world -> POST data
    headers: object = None  # world -> extra request headers
    sees: dict = field(default_factory=dict)  # world attribute -> roles whose ok answer shows it
    content_type: str = ""  # what an ok answer must be, when it is a file
    effect: object = None  # world -> value a POST changes when, and only when, it is ok
    saves: bool = True  # False: an ok POST must change nothing (the resident is counted already)

    @property
    def method(self):
        return "POST" if self.name.startswith("POST ") else "GET"


# Who may see what belongs to each neighbourhood (DESIGN §2, §7).
SEES_A = {"committee_a", "staff", "admin"}
SEES_B = {"committee_b", "staff", "admin"}
STAFF = {"staff", "admin"}
ADMIN = {"admin"}
EVERYONE = set(ROLES)
PLACES = {"place_a": SEES_A, "place_b": SEES_B}
ROOMS = {"room_a.title": SEES_A, "room_b.title": SEES_B}
EVENTS = {"event_a.title": SEES_A, "event_b.title": SEES_B}
SIGNERS = {"signature_a.name": SEES_A, "signature_b.name": SEES_B}
VOLUNTEERS = {"signup_a.phone": SEES_A, "signup_b.phone": SEES_B}
# A filter on an activity the user may not choose is dropped: that committee gets its own list.
FILTERED_A = {"signup_a.phone": SEES_A, "signup_b.phone": {"committee_b"}}
FILTERED_B = {"signup_a.phone": {"committee_a"}, "signup_b.phone": SEES_B}
CSV = "text/csv"


def page(attribute, action=""):
    return lambda w: f"/admin/pages/{getattr(w, attribute).pk}/{action}"


def snippet(model, view="list", *args):
    return reverse(f"wagtailsnippets_{model}:{view}", args=args)


def chooser(model, view="choose_results", *args):
    return reverse(f"wagtailsnippetchoosers_{model}:{view}", args=args)


def signups(query):
    return lambda w: f"{snippet('campaigns_volunteersignup')}?{query.format(w=w)}"


def bearer(attribute):
    return lambda w: {"HTTP_AUTHORIZATION": f"Bearer {getattr(w, attribute)}"}


def parent_of_event_a(w):
    return Page.objects.get(pk=w.event_a.pk).get_parent().pk


def pages_in_room_b(w):
    return Page.objects.get(pk=w.room_b.pk).get_children().count()


def room_b_locked(w):
    return Page.objects.get(pk=w.room_b.pk).locked


def signup_hours(w):
    return VolunteerSignup.objects.get(pk=w.signup_a.pk).hours


def signature_count(w):
    return PledgeSignature.objects.count()


def signup_count(w):
    return VolunteerSignup.objects.count()


def token_count(w):
    return ApiToken.objects.count()


def paper_signature(w, phone="13512345678"):
    return {
        "pledge": w.pledge.pk,
        "name": "刘大妈",
        "neighbourhood": w.place_a.pk,
        "phone": phone,
        "paper_consent": "on",
    }


def paper_attendance(w):
    return {
        "event": w.event_a.pk,
        "name": "钱大爷",
        "neighbourhood": w.place_a.pk,
        "phone": "13512345679",
        "hours": "2",
        "paper_consent": "on",
    }


def copy_event_a(w):
    return {"new_title": "复制的活动", "new_slug": "copied-event", "new_parent_page": w.room_b.pk}


ENDPOINTS = [
    # Wagtail's own views
    Endpoint("dashboard", lambda w: reverse("wagtailadmin_home")),
    Endpoint("explore volunteer index", page("volunteer_index"), sees=ROOMS),
    Endpoint("explore room A", page("room_a"), sees={"event_a.title": SEES_A}),
    Endpoint("edit room A", page("room_a", "edit/")),
    Endpoint("edit room B", page("room_b", "edit/")),
    Endpoint("edit event A", page("event_a", "edit/")),
    Endpoint("edit campaign", page("campaign", "edit/")),
    Endpoint(
        "add event under room A",
        lambda w: f"/admin/pages/add/campaigns/volunteereventpage/{w.room_a.pk}/",
    ),
    Endpoint(
        "add event under room B",
        lambda w: f"/admin/pages/add/campaigns/volunteereventpage/{w.room_b.pk}/",
    ),
    Endpoint("history of room B", page("room_b", "history/")),
    Endpoint("draft of event B", page("event_b", "view_draft/")),
    Endpoint("unpublish event B", page("event_b", "unpublish/")),
    Endpoint("delete event A", page("event_a", "delete/")),
    # Wagtail shows the move confirmation to anyone; the POST is what is refused.
    Endpoint(
        "POST move event A into room B",
        lambda w: f"/admin/pages/{w.event_a.pk}/move/{w.room_b.pk}/confirm/",
        data=lambda w: {},
        effect=parent_of_event_a,
    ),
    Endpoint(
        "POST copy event A into room B",
        page("event_a", "copy/"),
        data=copy_event_a,
        effect=pages_in_room_b,
    ),
    Endpoint("POST lock room B", page("room_b", "lock/"), data=lambda w: {}, effect=room_b_locked),
    # Wagtail's page chooser browses the whole tree for every admin user (titles only).
    Endpoint("page chooser in room B", lambda w: f"/admin/choose-page/{w.room_b.pk}/"),
    # Results link to the editor; the query itself is shown back to everyone.
    Endpoint(
        "page search for event A",
        lambda w: f"/admin/pages/search/?q={w.event_a.title}",
        sees={"event_a_edit": SEES_A},
    ),
    Endpoint(
        "page search for event B",
        lambda w: f"/admin/pages/search/?q={w.event_b.title}",
        sees={"event_b_edit": SEES_B},
    ),
    Endpoint("site history", lambda w: reverse("wagtailadmin_reports:site_history"), sees=ROOMS),
    Endpoint("users", lambda w: reverse("wagtailusers_users:index")),
    Endpoint("groups", lambda w: reverse("wagtailusers_groups:index")),
    Endpoint(
        "site settings",
        lambda w: reverse(
            "wagtailsettings:edit", args=["home", "sitesettings", SiteSettings.load().pk]
        ),
    ),
    # Places
    Endpoint("town list", lambda w: snippet("campaigns_town")),
    Endpoint("town edit", lambda w: snippet("campaigns_town", "edit", w.town.pk)),
    Endpoint("neighbourhood list", lambda w: snippet("campaigns_neighbourhood")),
    Endpoint(
        "neighbourhood edit", lambda w: snippet("campaigns_neighbourhood", "edit", w.place_a.pk)
    ),
    Endpoint("neighbourhood chooser", lambda w: chooser("campaigns_neighbourhood")),
    # The quiz bank
    Endpoint("question list", lambda w: snippet("quizzes_question")),
    Endpoint("question edit", lambda w: snippet("quizzes_question", "edit", w.question.pk)),
    Endpoint("daily question list", lambda w: snippet("quizzes_dailyquestion")),
    Endpoint("question chooser", lambda w: chooser("quizzes_question")),
    # Pledge signatures
    Endpoint("signature list", lambda w: snippet("campaigns_pledgesignature"), sees=SIGNERS),
    Endpoint(
        "signature export csv",
        lambda w: snippet("campaigns_pledgesignature") + "?export=csv",
        sees=SIGNERS,
        content_type=CSV,
    ),
    Endpoint(
        "signature export xlsx",
        lambda w: snippet("campaigns_pledgesignature") + "?export=xlsx",
        sees=SIGNERS,
        content_type=XLSX,
    ),
    Endpoint(
        "signatures of B csv",
        lambda w: f"{snippet('campaigns_pledgesignature')}?neighbourhood={w.place_b.pk}&export=csv",
        sees={"signature_a.name": set(), "signature_b.name": SEES_B},
        content_type=CSV,
    ),
    Endpoint("signature chooser", lambda w: chooser("campaigns_pledgesignature"), sees=SIGNERS),
    Endpoint(
        "signature A chosen",
        lambda w: chooser("campaigns_pledgesignature", "chosen", w.signature_a.pk),
    ),
    Endpoint(
        "signature A edit",
        lambda w: snippet("campaigns_pledgesignature", "edit", w.signature_a.pk),
    ),
    Endpoint(
        "signature A history",
        lambda w: snippet("campaigns_pledgesignature", "history", w.signature_a.pk),
    ),
    Endpoint(
        "signature A history results",
        lambda w: snippet("campaigns_pledgesignature", "history_results", w.signature_a.pk),
    ),
    Endpoint(
        "signature A usage",
        lambda w: snippet("campaigns_pledgesignature", "usage", w.signature_a.pk),
    ),
    Endpoint(
        "signature A delete",
        lambda w: snippet("campaigns_pledgesignature", "delete", w.signature_a.pk),
    ),
    Endpoint("paper signature form", lambda w: snippet("campaigns_pledgesignature", "add")),
    Endpoint(
        "POST paper signature for A",
        lambda w: snippet("campaigns_pledgesignature", "add"),
        data=paper_signature,
        effect=signature_count,
    ),
    # B's resident signed already; for committee A that number must look like any new one
    # (DESIGN §7): the same answer as a first signature, and no second row.
    Endpoint(
        "POST paper signature, B's number",
        lambda w: snippet("campaigns_pledgesignature", "add"),
        data=lambda w: paper_signature(w, phone="13500000002"),
        effect=signature_count,
        saves=False,
    ),
    # Volunteer sign-ups
    Endpoint(
        "sign-up list",
        lambda w: snippet("campaigns_volunteersignup"),
        sees={**EVENTS, **VOLUNTEERS},
    ),
    Endpoint("sign-ups of event A", signups("event={w.event_a.pk}"), sees=FILTERED_A),
    Endpoint("sign-ups of event B", signups("event={w.event_b.pk}"), sees=FILTERED_B),
    Endpoint(
        "sign-ups of event A csv",
        signups("event={w.event_a.pk}&export=csv"),
        sees=FILTERED_A,
        content_type=CSV,
    ),
    Endpoint(
        "sign-ups of event A xlsx",
        signups("event={w.event_a.pk}&export=xlsx"),
        sees=FILTERED_A,
        content_type=XLSX,
    ),
    Endpoint("all sign-ups csv", signups("export=csv"), sees=VOLUNTEERS, content_type=CSV),
    Endpoint(
        "sign-up chooser",
        lambda w: chooser("campaigns_volunteersignup"),
        sees={"signup_a.name": SEES_A, "signup_b.name": SEES_B},
    ),
    Endpoint(
        "sign-up A chosen",
        lambda w: chooser("campaigns_volunteersignup", "chosen", w.signup_a.pk),
    ),
    Endpoint(
        "sign-up A edit", lambda w: snippet("campaigns_volunteersignup", "edit", w.signup_a.pk)
    ),
    Endpoint(
        "sign-up A history",
        lambda w: snippet("campaigns_volunteersignup", "history", w.signup_a.pk),
    ),
    Endpoint(
        "sign-up A history results",
        lambda w: snippet("campaigns_volunteersignup", "history_results", w.signup_a.pk),
    ),
    Endpoint(
        "sign-up A usage",
        lambda w: snippet("campaigns_volunteersignup", "usage", w.signup_a.pk),
    ),
    Endpoint(
        "POST correct sign-up A hours",
        lambda w: snippet("campaigns_volunteersignup", "edit", w.signup_a.pk),
        data=lambda w: {"checked_in_at": "", "checked_out_at": "", "hours": "1.5"},
        effect=signup_hours,
    ),
    Endpoint(
        "paper attendance form",
        lambda w: snippet("campaigns_volunteersignup", "add"),
        sees=EVENTS,
    ),
    Endpoint(
        "POST paper attendance for event A",
        lambda w: snippet("campaigns_volunteersignup", "add"),
        data=paper_attendance,
        effect=signup_count,
    ),
    Endpoint(
        "event A roster",
        lambda w: reverse("volunteer_roster", args=[w.event_a.pk]),
        sees=FILTERED_A,
    ),
    Endpoint(
        "POST event A roster",
        lambda w: reverse("volunteer_roster", args=[w.event_a.pk]),
        data=lambda w: {f"came-{w.signup_a.pk}": "on", f"hours-{w.signup_a.pk}": "1.5"},
        effect=signup_hours,
    ),
    # Reports and their exports
    Endpoint("signature report", lambda w: reverse("pledge_signature_counts"), sees=PLACES),
    Endpoint(
        "signature report results",
        lambda w: reverse("pledge_signature_counts_results"),
        sees=PLACES,
    ),
    Endpoint(
        "signature report csv",
        lambda w: reverse("pledge_signature_counts") + "?export=csv",
        sees=PLACES,
        content_type=CSV,
    ),
    Endpoint(
        "quiz results", lambda w: reverse("quizzes_reports:index"), sees={"quiz.title": STAFF}
    ),
    Endpoint(
        "quiz results csv",
        lambda w: reverse("quizzes_reports:index") + "?export=csv",
        sees={"quiz.title": STAFF},
        content_type=CSV,
    ),
    Endpoint("quiz report", lambda w: reverse("quizzes_reports:quiz", args=[w.quiz.pk])),
    Endpoint(
        "quiz report results",
        lambda w: reverse("quizzes_reports:quiz_results", args=[w.quiz.pk]),
    ),
    Endpoint(
        "quiz report xlsx",
        lambda w: reverse("quizzes_reports:quiz", args=[w.quiz.pk]) + "?export=xlsx",
        content_type=XLSX,
    ),
    Endpoint("reach report", lambda w: reverse("reach_report"), sees=PLACES),
    Endpoint("reach report results", lambda w: reverse("reach_report_results"), sees=PLACES),
    Endpoint(
        "reach report csv",
        lambda w: reverse("reach_report") + "?export=csv",
        sees=PLACES,
        content_type=CSV,
    ),
    Endpoint(
        "reach report xlsx",
        lambda w: reverse("reach_report") + "?export=xlsx",
        sees=PLACES,
        content_type=XLSX,
    ),
    # Committees may not filter by town; for them the filter is dropped.
    Endpoint(
        "reach report of a town csv",
        lambda w: f"{reverse('reach_report')}?town={w.town.pk}&export=csv",
        sees=PLACES,
        content_type=CSV,
    ),
    # Posters and QR codes
    Endpoint("event A check-in QR sheet", lambda w: reverse("volunteer_qr", args=[w.event_a.pk])),
    Endpoint(
        "event A check-in QR svg",
        lambda w: reverse("volunteer_qr_svg", args=[w.event_a.pk]),
        content_type="image/svg+xml",
    ),
    Endpoint("poster chooser", lambda w: reverse("reach_posters")),
    Endpoint(
        "poster chooser for campaign",
        lambda w: f"{reverse('reach_posters')}?campaign={w.campaign.pk}",
        sees=PLACES,
    ),
    Endpoint(
        "posters for A and B",
        lambda w: (
            f"{reverse('reach_posters')}?campaign={w.campaign.pk}"
            f"&neighbourhood={w.place_a.pk}&neighbourhood={w.place_b.pk}"
        ),
        sees={"place_a": STAFF, "place_b": STAFF},
    ),
    Endpoint(
        "poster for A",
        lambda w: reverse("reach_poster", args=[w.campaign.pk, w.place_a.pk]),
        sees={"place_a": SEES_A},
    ),
    Endpoint(
        "poster for B",
        lambda w: reverse("reach_poster", args=[w.campaign.pk, w.place_b.pk]),
        sees={"place_b": SEES_B},
    ),
    # API keys
    Endpoint("API key list", lambda w: snippet("campaigns_apitoken"), sees={"token.name": ADMIN}),
    Endpoint("API key form", lambda w: snippet("campaigns_apitoken", "add")),
    Endpoint("API key edit", lambda w: snippet("campaigns_apitoken", "edit", w.token.pk)),
    Endpoint("API key history", lambda w: snippet("campaigns_apitoken", "history", w.token.pk)),
    Endpoint("API key delete", lambda w: snippet("campaigns_apitoken", "delete", w.token.pk)),
    Endpoint(
        "API key chooser", lambda w: chooser("campaigns_apitoken"), sees={"token.name": ADMIN}
    ),
    Endpoint("API key chosen", lambda w: chooser("campaigns_apitoken", "chosen", w.token.pk)),
    Endpoint(
        "POST make an API key",
        lambda w: snippet("campaigns_apitoken", "add"),
        data=lambda w: {"name": "另一个平台"},
        effect=token_count,
    ),
    # The JSON API
    Endpoint("API reach, no key", lambda w: reverse("api_reach")),
    Endpoint("API campaigns, no key", lambda w: reverse("api_campaigns")),
    Endpoint("API neighbourhoods, no key", lambda w: reverse("api_neighbourhoods")),
    Endpoint(
        "API reach, revoked key", lambda w: reverse("api_reach"), headers=bearer("revoked_key")
    ),
    # The platform's key reads the whole county, whoever holds it.
    Endpoint(
        "API reach, key",
        lambda w: reverse("api_reach"),
        headers=bearer("key"),
        sees={"place_a": EVERYONE, "place_b": EVERYONE},
    ),
    Endpoint(
        "API campaigns, key",
        lambda w: reverse("api_campaigns"),
        headers=bearer("key"),
        sees={"campaign.title": EVERYONE},
    ),
    Endpoint(
        "API neighbourhoods, key",
        lambda w: reverse("api_neighbourhoods"),
        headers=bearer("key"),
        sees={"place_a": EVERYONE, "place_b": EVERYONE},
    ),
    Endpoint("API schema", lambda w: reverse("api_openapi")),
]


def parse(table):
    """Return {request name: (cell, ...)} from the table's text, one cell per role."""
    rows = {}
    for line in table.splitlines():
        if line.strip() and not line.startswith("#"):
            words = line.split()
            rows[" ".join(words[: -len(ROLES)])] = tuple(words[-len(ROLES) :])
    return rows


MATRIX = parse(TABLE)


def cases():
    endpoints = {endpoint.name: endpoint for endpoint in ENDPOINTS}
    params = []
    for name, cells in MATRIX.items():
        for role, cell in zip(ROLES, cells, strict=True):
            known_bug = cell.endswith("!")
            marks = [pytest.mark.xfail(strict=True, reason=BUGS[name])] if known_bug else []
            args = (endpoints[name], role, cell.rstrip("!"))
            params.append(pytest.param(*args, id=f"{name}|{role}", marks=marks))
    return params


# Reading answers


def resolve(world, dotted):
    value = world
    for name in dotted.split("."):
        value = getattr(value, name)
    return str(getattr(value, "name", value))


def body(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/json"):
        # Choosers answer JSON with the HTML inside, escaped; read it as text again.
        return json.dumps(json.loads(raw), ensure_ascii=False)
    if response.get("Content-Type", "").startswith(XLSX):
        sheet = openpyxl.load_workbook(io.BytesIO(raw), read_only=True).active
        return "\n".join(
            "\t".join("" if cell is None else str(cell) for cell in row)
            for row in sheet.iter_rows(values_only=True)
        )
    return raw.decode()


def location(response):
    return response.get("Location", "")


def denied_message():
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext("Sorry, you do not have permission to access this area.")


def check_outcome(response, expected, endpoint, changed, room=None):
    method, saves = endpoint.method, endpoint.saves
    where = location(response)
    login, home = reverse("wagtailadmin_login"), reverse("wagtailadmin_home")
    status = response.status_code
    if expected == OK and method == "GET":
        assert status == 200, (status, where)
    elif expected == OK:
        assert status == 200 or (status == 302 and not where.startswith(login) and where != home), (
            status,
            where,
        )
        form = response.context and response.context.get("form")
        assert not (status == 200 and form is not None and form.errors), form.errors
        assert changed == saves, "changed nothing" if saves else "saved a second row"
    elif expected == LOGIN:
        assert status == 302 and where.startswith(login + "?next="), (status, where)
    elif expected == DENIED:
        assert (status, where) == (302, home)
        messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
        assert denied_message() in messages, messages
    elif expected == FORBIDDEN:
        assert status == 403, (status, where)
    elif expected == HIDDEN:
        assert status == 404, (status, where)
    elif expected == REFUSED:
        assert status == 200, (status, where)
        assert response.context["form"].errors, "the form was shown again without an error"
    elif expected == ROOM:
        assert (status, where) == (302, f"/admin/pages/{room.pk}/")
    elif expected == UNAUTHORIZED:
        assert status == 401, (status, where)
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert "error" in response.json()
    else:
        raise AssertionError(f"unknown outcome {expected!r}")
    if expected != OK or not saves:
        assert not changed, "the request was refused but the change was made"


@pytest.mark.parametrize(("endpoint", "role", "expected"), cases())
def test_permission_matrix(world, db, endpoint, role, expected):
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = endpoint.url(world)
    headers = endpoint.headers(world) if endpoint.headers else {}
    effect = endpoint.effect or (lambda w: None)
    before = effect(world)
    if endpoint.method == "GET":
        response = client.get(url, **headers)
    else:
        response = client.post(url, endpoint.data(world), **headers)
    changed = effect(world) != before

    check_outcome(response, expected, endpoint, changed, world.rooms.get(role))
    if expected != OK:
        return
    if endpoint.content_type:
        assert response["Content-Type"].startswith(endpoint.content_type)
    text = body(response) if endpoint.sees else ""
    for dotted, roles in endpoint.sees.items():
        needle = resolve(world, dotted)
        shown = "missing from" if role in roles else "shown in"
        assert (needle in text) == (role in roles), f"{needle!r} {shown} the answer"


def test_the_table_and_the_requests_match():
    names = [endpoint.name for endpoint in ENDPOINTS]
    assert len(set(names)) == len(names)
    assert list(MATRIX) == names
    assert all(cell.rstrip("!") in OUTCOMES for cells in MATRIX.values() for cell in cells)
    flagged = {name for name, cells in MATRIX.items() if any(c.endswith("!") for c in cells)}
    assert flagged == set(BUGS)
