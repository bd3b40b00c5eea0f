"""Exports open in an office's spreadsheet program as they are (issue 13, finding 7)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from campaigns import factories
from campaigns.models import VolunteerSignup
from campaigns.roles import ensure_publicity_staff_group
from campaigns.volunteering import sign_up
from home.exports import OfficeExportMixin
from tests.spreadsheets import csv_rows, sheet_of, table_cells, title_lines

pytestmark = pytest.mark.django_db
SIGNUPS = "/admin/snippets/campaigns/volunteersignup/"
LOCAL = ZoneInfo(settings.TIME_ZONE)
# 23:30 in Shanghai is 15:30 UTC: a UTC export would put it on the wrong hour.
SIGNED_UP = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=LOCAL)


def t(text):
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(text)


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user("publicity", password="pw")
    user.groups.add(ensure_publicity_staff_group())
    client.force_login(user)
    return client


@pytest.fixture
def event(volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    event = factories.VolunteerEventPageFactory(parent=room, title="楼道清理")
    sign_up(event, name="赵六一", neighbourhood=event.neighbourhood, phone="13812345678")
    VolunteerSignup.objects.update(signed_up_at=SIGNED_UP)
    return event


def test_the_csv_opens_in_chinese_excel_with_chinese_headings(staff, event):
    response = staff.get(SIGNUPS, {"export": "csv"})
    raw = response.getvalue()
    header, row = csv_rows(raw)

    assert raw.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert header[:5] == ["志愿活动", "名称", "手机号码", "社区", "状态"]
    assert not any("." in heading or "_" in heading for heading in header)
    place = event.neighbourhood.name
    assert row[:5] == ["楼道清理", "赵六一", "13812345678", place, t("Confirmed")]


def test_the_csv_shows_local_times_and_yes_or_no(staff, event):
    header, row = csv_rows(staff.get(SIGNUPS, {"export": "csv"}))
    cells = dict(zip(header, row, strict=True))

    assert cells["报名时间"] == "2026-03-10 23:30"
    assert cells["纸质录入"] == "否"
    assert cells["签到时间"] == ""


def test_an_english_admin_gets_english_headings_and_values(staff, event):
    user = get_user_model().objects.get(username="publicity")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})

    header, row = csv_rows(staff.get(SIGNUPS, {"export": "csv"}))

    assert header[:5] == ["Activity", "Name", "Mobile number", "Neighbourhood", "Status"]
    assert row[4] == "Confirmed"
    assert dict(zip(header, row, strict=True))["Entered from a paper sheet"] == "No"


def test_the_xlsx_names_the_listing_its_filter_and_the_time_of_export(staff, event):
    before = timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)
    sheet = sheet_of(staff.get(SIGNUPS, {"export": "xlsx", "event": event.pk}))
    title, scope, exported = title_lines(sheet)

    assert sheet.title == title == "志愿者报名"
    assert scope == f"{t('Activity')}：楼道清理"
    exported_at = datetime.datetime.strptime(exported, "导出时间：%Y-%m-%d %H:%M")
    assert before <= exported_at <= before + datetime.timedelta(minutes=1)


def test_the_xlsx_header_is_bold_frozen_and_wide_enough(staff, event):
    sheet = sheet_of(staff.get(SIGNUPS, {"export": "xlsx"}))
    header, row = table_cells(sheet)

    assert title_lines(sheet)[1] == "筛选条件：无"
    assert sheet.freeze_panes == f"A{header[0].row + 1}"
    assert all(cell.font.bold for cell in header) and not row[0].font.bold
    width = sheet.column_dimensions[header[5].column_letter].width  # 报名时间
    assert width >= len("2026-03-10 23:30")


def test_the_xlsx_holds_times_as_local_excel_dates(staff, event):
    header, row = table_cells(sheet_of(staff.get(SIGNUPS, {"export": "xlsx"})))
    signed_up = row[5]

    assert header[5].value == "报名时间"
    assert signed_up.is_date and signed_up.value == datetime.datetime(2026, 3, 10, 23, 30)
    assert signed_up.number_format == "yyyy-mm-dd hh:mm"
    assert row[4].value == t("Confirmed") and row[9].value == "否"


def test_a_name_that_looks_like_a_formula_stays_text(staff, event):
    VolunteerSignup.objects.update(name='=HYPERLINK("x")')

    _header, row = csv_rows(staff.get(SIGNUPS, {"export": "csv"}))
    _heading, cells = table_cells(sheet_of(staff.get(SIGNUPS, {"export": "xlsx"})))

    assert row[1] == """'=HYPERLINK("x")"""
    assert cells[1].value == '=HYPERLINK("x")' and cells[1].data_type == "s"


def test_every_snippet_listing_that_exports_writes_office_spreadsheets():
    exporting = [
        model.snippet_viewset
        for model in get_snippet_models()
        if model.snippet_viewset.list_export not in (ViewSet.UNDEFINED, [])
        and issubclass(model.snippet_viewset.index_view_class, SpreadsheetExportMixin)
    ]

    assert len(exporting) >= 2
    for viewset in exporting:
        assert issubclass(viewset.index_view_class, OfficeExportMixin), viewset
