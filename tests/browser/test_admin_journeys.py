"""Publicity staff and committees walk the Wagtail admin in Chromium, with no console error."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

from campaigns import factories
from campaigns.models import (
    ArticlePage,
    CampaignPage,
    PledgePage,
    VolunteerEventPage,
    VolunteerSignup,
)
from campaigns.roles import (
    ensure_committee_group,
    ensure_publicity_staff_group,
    ensure_volunteer_workflow,
)
from campaigns.volunteering import sign_up
from quizzes.factories import QuestionFactory
from quizzes.models import QuizPage
from tests.browser.conftest import watch_policy
from tests.campaigns.conftest import member

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1366, "height": 900}
# Wagtail notices edits (for the live preview and autosave) only once it has taken the form's
# starting values, two seconds after loading; a person starts typing later than that, a test not.
WATCH_EDITS = """
document.addEventListener("w-unsaved:watch-edits", () => {
    document.documentElement.dataset.watchingEdits = "true";
});
"""


def serve_media(route):
    """Answer a media request from the test MEDIA_ROOT, as the production web server would."""
    name = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
    route.fulfill(path=Path(settings.MEDIA_ROOT) / name)


@pytest.fixture
def desk(browser, live_server, settings):
    """Return a desktop tab on the live server that fails the test on any console error."""
    # The live server's threads share the test's one in-memory SQLite connection, so two writes
    # at once break each other's savepoints. Autosave and the editing-session ping write beside
    # what the person does; outside tests each request has its own connection.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 300_000
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale="zh-CN")
    context.route("**/media/**", serve_media)
    # Leaving an editor sends a beacon releasing its editing session; it would reach the server
    # after the test, while pytest empties the database the server thread shares, and lock it.
    context.route("**/admin/editing-sessions/release/**", lambda route: route.fulfill(status=200))
    context.add_init_script(WATCH_EDITS)
    page = context.new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    blocked = watch_policy(page)
    page.set_default_timeout(10_000)
    yield page
    page.goto("about:blank")  # leave the last admin page while its beacon is still stubbed
    context.close()
    assert blocked == [], blocked
    assert errors == [], errors


def log_in(page, username):
    """Sign in through the admin's login form, as a person types it."""
    page.goto("/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw")
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.fixture
def officer(db):
    return member(ensure_publicity_staff_group(), "officer")


@pytest.fixture
def hero_image(db):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (200, 60, 40)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="垃圾分类海报", file=ImageFile(buffer, name="poster.png")
    )


@pytest.fixture
def places(campaign_index):
    town = factories.TownFactory(name="莲塘镇", slug="liantang")
    return [
        factories.NeighbourhoodFactory(name=name, town=town) for name in ("澄湖社区", "向阳社区")
    ]


def test_officer_creates_a_campaign_with_a_hero_image_and_publishes_it(
    desk, officer, campaign_index, hero_image, places
):
    log_in(desk, "officer")
    desk.get_by_role("button", name="页面").click()
    desk.get_by_role("link", name="宣传活动", exact=True).click()
    desk.get_by_role("link", name="添加子页面").first.click()
    desk.locator("#id_title").fill("文明交通宣传月")
    desk.locator("#id_theme").fill("文明交通")
    desk.locator("#id_start_date").click()
    picker = desk.locator(".xdsoft_datetimepicker:visible")
    picker.locator("td.xdsoft_today").click()
    desk.locator("#id_end_date").click()
    picker.locator(".xdsoft_next").first.click()
    picker.locator("td.xdsoft_date:not(.xdsoft_other_month)", has_text="15").click()
    desk.get_by_role("button", name="选择一个图片").click()
    modal = desk.locator(".modal-dialog")
    modal.get_by_role("link", name="垃圾分类海报").click()
    expect(desk.locator("#id_hero_image-title")).to_have_text("垃圾分类海报")
    desk.get_by_label("澄湖社区").check()
    desk.locator("footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]").first.click()
    desk.get_by_role("button", name="发布", exact=True).click()
    expect(desk.locator(".messages")).to_contain_text("已创建并发布")
    campaign = CampaignPage.objects.get(title="文明交通宣传月")
    assert campaign.live and campaign.hero_image == hero_image
    assert list(campaign.target_neighbourhoods.values_list("name", flat=True)) == ["澄湖社区"]


def open_children(page, *titles):
    """Walk the page explorer from the sidebar down to the listing of the last title's children."""
    page.get_by_role("button", name="页面").click()
    page.locator("#wagtail-sidebar").get_by_role("link", name=titles[0], exact=True).click()
    for title in titles[1:]:
        page.get_by_role("link", name=f"查看'{title}'的子页面").click()
    expect(page.locator("h1")).to_contain_text(titles[-1])


def add_child(page, *titles, page_type=None):
    """Open the form for a new page under the last title, from its row's menu in the explorer."""
    open_children(page, *titles[:-1])
    page.get_by_role("button", name=f"“{titles[-1]}”的更多选项").click()
    menu = page.locator("[data-w-dropdown-target=content]:visible")
    menu.get_by_role("link", name="添加子页面").click()
    if page_type:
        page.get_by_role("link", name=page_type, exact=True).click()


def type_rich_text(page, name, text):
    """Type into the Draftail editor whose value is the input named name, and wait till it holds it.

    Draftail copies what was typed into its hidden input a moment later; a person is slower.
    """
    value = page.locator(f"input[name='{name}']")
    value.locator("xpath=..").locator("[contenteditable=true]").click()
    page.keyboard.type(text)
    expect(value).to_have_value(re.compile(text))


def edit(page, *titles):
    """Open the editor of the page at the end of titles, from its parent's explorer listing."""
    open_children(page, *titles[:-1])
    page.locator("main").get_by_role("link", name=titles[-1], exact=True).click()
    expect(page.locator("#id_title")).to_have_value(titles[-1])
    expect(page.locator("html[data-watching-edits]")).to_be_attached()


def pick_datetime(page, field, when):
    """Open the field's date and time picker, click the day, then the hour (on the hour)."""
    page.locator(f"#id_{field}").click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    day = f"[data-date='{when.day}'][data-month='{when.month - 1}'][data-year='{when.year}']"
    picker.locator(f"td.xdsoft_date{day}").click()
    picker.locator(f".xdsoft_time[data-hour='{when.hour}'][data-minute='0']").click()
    expect(page.locator(f"#id_{field}")).to_have_value(f"{when:%Y-%m-%d %H}:00")


def publish(page, action="发布"):
    """Open the editor's action menu and publish, or schedule when a go-live date is set."""
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.get_by_role("button", name=action, exact=True).click()


def test_officer_adds_an_article_and_a_pledge_under_a_campaign(desk, officer, campaign):
    log_in(desk, "officer")

    add_child(desk, "宣传活动", "垃圾分类进社区", page_type="文章")
    desk.locator("#id_title").fill("垃圾分类宣传周启动")
    desk.locator("[data-contentpath=body] .c-sf-add-button").click()
    desk.get_by_role("option", name="段落").click()
    type_rich_text(desk, "body-0-value", "本周起各社区开展垃圾分类宣传。")
    publish(desk)
    expect(desk.locator(".messages")).to_contain_text("已创建并发布")

    add_child(desk, "宣传活动", "垃圾分类进社区", page_type="文明承诺")
    desk.locator("#id_title").fill("垃圾分类家庭公约")
    type_rich_text(desk, "pledge_text", "我家承诺做好垃圾分类。")
    desk.locator("[data-contentpath=commitments] .c-sf-add-button").click()
    desk.locator("[data-contentpath=commitments] input[type=text]").first.fill("厨余垃圾沥干再投放")
    publish(desk)
    expect(desk.locator(".messages")).to_contain_text("已创建并发布")
    desk.get_by_role("link", name="查看'垃圾分类进社区'的子页面").click()
    listing = desk.locator("main table")
    expect(listing).to_contain_text("垃圾分类宣传周启动")
    expect(listing).to_contain_text("垃圾分类家庭公约")

    article = ArticlePage.objects.child_of(campaign).get()
    pledge = PledgePage.objects.child_of(campaign).get()
    assert article.live and "各社区开展垃圾分类宣传" in str(article.body)
    assert pledge.live and [block.value for block in pledge.commitments] == ["厨余垃圾沥干再投放"]


def test_officer_builds_a_quiz_from_the_question_bank(desk, officer, campaign):
    questions = [
        QuestionFactory(text=text) for text in ("废电池属于哪类垃圾？", "菜叶属于哪类垃圾？")
    ]
    log_in(desk, "officer")

    add_child(desk, "宣传活动", "垃圾分类进社区", page_type="知识答题")
    desk.locator("#id_title").fill("垃圾分类知识问答")
    for row, question in enumerate(questions):
        desk.get_by_role("button", name="增加 固定题目列表").click()
        desk.locator(f"#id_quiz_questions-{row}-question-chooser .unchosen button").click()
        desk.locator(".modal-dialog").get_by_role("link", name=question.text).click()
        expect(desk.locator(f"#id_quiz_questions-{row}-question-title")).to_have_text(question.text)
    publish(desk)

    expect(desk.locator(".messages")).to_contain_text("已创建并发布")
    quiz = QuizPage.objects.child_of(campaign).get()
    assert quiz.live
    assert [link.question for link in quiz.quiz_questions.order_by("sort_order")] == questions


def test_officer_sees_a_campaign_in_the_live_preview_panel(desk, officer, campaign):
    log_in(desk, "officer")
    edit(desk, "宣传活动", "垃圾分类进社区")

    desk.get_by_role("button", name="预览开关").click()
    preview = desk.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text("垃圾分类进社区")
    desk.locator("#id_title").fill("垃圾分类进社区第二期")
    expect(preview.locator("h1")).to_contain_text("垃圾分类进社区第二期")


def test_officer_schedules_a_campaign_and_sees_it_scheduled(desk, officer, campaign_index):
    draft = factories.CampaignPageFactory(parent=campaign_index, title="文明交通宣传月", live=False)
    go_live = (timezone.localtime() + datetime.timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    log_in(desk, "officer")
    edit(desk, "宣传活动", "文明交通宣传月")

    desk.get_by_role("button", name="状态开关").click()
    desk.get_by_role("button", name="设置计划").click()
    dialog = desk.locator("#schedule-publishing-dialog")
    pick_datetime(desk, "go_live_at", go_live)
    expect(dialog.locator("#id_go_live_at")).to_have_value(f"{go_live:%Y-%m-%d} 10:00")
    dialog.get_by_role("button", name="保存计划").click()
    expect(desk.locator(".messages")).to_contain_text("已被更新")
    publish(desk, action="定时发布")

    expect(desk.locator(".messages")).to_contain_text("已预定发布时间")
    open_children(desk, "宣传活动")
    row = desk.locator("main tr", has_text="文明交通宣传月")
    expect(row).to_contain_text("已计划")

    revision = Page.objects.get(pk=draft.pk).scheduled_revision
    assert revision.approved_go_live_at == go_live


@pytest.fixture
def room(volunteer_index):
    ensure_volunteer_workflow(volunteer_index)
    town = factories.TownFactory(name="莲塘镇", slug="liantang")
    hood = factories.NeighbourhoodFactory(name="澄湖社区", town=town)
    return factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index, neighbourhood=hood)


@pytest.fixture
def committee(room):
    return member(ensure_committee_group(room), "chenghu")


def test_officer_approves_an_activity_the_committee_submitted(desk, officer, committee, room):
    event = factories.VolunteerEventPageFactory(parent=room, title="楼道清理", live=False)
    event.save_revision(user=committee)
    event.get_workflow().start(event, committee)
    log_in(desk, "officer")

    awaiting = desk.locator("section[aria-labelledby=awaiting-review-heading]")
    row = awaiting.locator("tr", has_text="楼道清理")
    expect(row).to_be_visible()
    row.get_by_role("button", name="动作").click()
    row.get_by_role("button", name="带评论批准").click()
    modal = desk.locator(".modal-dialog")
    modal.locator("textarea").fill("时间地点清楚，同意发布。")
    modal.get_by_role("button", name="带评论批准").click()

    expect(awaiting).to_have_count(0)
    state = WorkflowState.objects.for_instance(event).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    event.refresh_from_db()
    assert event.live


@pytest.fixture
def begun_event(room):
    start = timezone.now() - datetime.timedelta(hours=1)
    event = factories.VolunteerEventPageFactory(
        parent=room, title="楼道清理", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    for name, phone in (("赵六一", "13812345678"), ("钱二", "13912345678")):
        sign_up(event, name=name, neighbourhood=event.neighbourhood, phone=phone)
    return event


def test_committee_ticks_who_came_on_the_roster_from_the_activity_editor(
    desk, committee, begun_event
):
    log_in(desk, "chenghu")
    edit(desk, "澄湖社区志愿服务", "楼道清理")

    desk.locator("header").get_by_role("button", name="动作").first.click()
    desk.get_by_role("link", name="出勤登记").click()
    expect(desk.locator("h1")).to_contain_text("出勤登记")
    for name in ("赵六一", "钱二"):
        desk.locator("main tr", has_text=name).get_by_role("checkbox").check()
    expect(desk.locator("main tr", has_text="赵六一").get_by_role("spinbutton")).to_have_value(
        "2.0"
    )
    desk.locator("main tr", has_text="钱二").get_by_role("spinbutton").fill("1.5")
    desk.get_by_role("button", name="保存出勤").click()

    expect(desk.locator(".messages")).to_contain_text("已保存 2 位志愿者的出勤记录")
    hours = dict(VolunteerSignup.objects.values_list("name", "hours"))
    assert hours == {"赵六一": Decimal(2), "钱二": Decimal("1.5")}


def test_committee_enters_a_paper_sign_in_line_for_an_activity_under_way(
    desk, committee, begun_event
):
    log_in(desk, "chenghu")
    desk.get_by_role("link", name="志愿者报名").click()
    desk.get_by_role("link", name="添加").first.click()
    desk.locator("#id_event").select_option(label=begun_event.title)
    desk.locator("#id_name").fill("孙大爷")
    desk.get_by_role("button", name="选择 社区").click()
    desk.locator(".modal-dialog").get_by_role("link", name="澄湖社区").click()
    expect(desk.locator("#id_neighbourhood-title")).to_contain_text("澄湖社区")
    desk.locator("#id_phone").fill("13712345678")
    desk.locator("#id_hours").fill("2")
    desk.locator("#id_paper_consent").check()
    desk.get_by_role("button", name="保存").click()

    expect(desk.locator(".messages")).to_contain_text("孙大爷")
    signup = VolunteerSignup.objects.get(name="孙大爷")
    assert signup.assisted and signup.entered_by == committee and signup.hours == 2


def test_committee_submits_an_activity_tied_to_a_campaign(desk, committee, room, campaign):
    log_in(desk, "chenghu")
    open_children(desk, "澄湖社区志愿服务")
    desk.get_by_role("link", name="添加子页面").first.click()
    desk.locator("#id_title").fill("垃圾分类桶边督导")
    type_rich_text(desk, "description", "在3栋垃圾桶旁引导居民分类投放。")
    desk.get_by_role("button", name="选择一个页面").click()
    desk.locator(".modal-dialog").get_by_role("link", name="垃圾分类进社区").click()
    expect(desk.locator("#id_campaign-title")).to_contain_text("垃圾分类进社区")
    start = timezone.localtime() + datetime.timedelta(days=5)
    pick_datetime(desk, "starts_at", start.replace(hour=9, minute=0))
    pick_datetime(desk, "ends_at", start.replace(hour=11, minute=0))
    desk.locator("#id_place").fill("3栋楼下")
    publish(desk, action="提交给社区活动审核")

    expect(desk.locator(".messages")).to_contain_text("已创建并提交审核")
    event = VolunteerEventPage.objects.get(title="垃圾分类桶边督导")
    assert not event.live and event.campaign_id == campaign.pk
    assert event.neighbourhood == room.neighbourhood
    assert (
        WorkflowState.objects.for_instance(event).get().status == WorkflowState.STATUS_IN_PROGRESS
    )
