"""The demo's volunteer activities: past ones with attendance, upcoming ones with sign-ups."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from campaigns.demo.pages import add_published, child_by_slug, rich_text
from campaigns.demo.pledges import GIVEN, SURNAMES
from campaigns.models import NeighbourhoodVolunteerPage, VolunteerEventPage, VolunteerSignup
from campaigns.volunteering import enter_paper_attendance, sign_up

# (neighbourhood slug, slug, title, place, days from today, start hour, hours, capacity, people)
EVENTS = [
    ("chenghu", "loudao-qingli", "楼道杂物清理行动", "澄湖社区3栋至8栋", -12, 9, 2, 20, 14),
    ("chenghu", "laji-fenlei-dudao", "垃圾分类桶边督导", "澄湖社区东门分类亭", 4, 7, 2, 10, 6),
    (
        "lianxi",
        "wenming-jiaotong-quanDao",
        "文明交通劝导",
        "莲西路与澄湖路交叉口",
        -5,
        16,
        2,
        12,
        9,
    ),
    ("lianxi", "xiaoguanggao-qingchu", "小广告清除", "莲西社区老旧小区", 6, 9, 3, 15, 4),
    ("xinjie", "beijie-xiaoxiang-baojie", "背街小巷大扫除", "新街社区后街", -20, 8, 3, 30, 22),
    ("xinjie", "zhandao-jingying-xuanchuan", "占道经营劝导宣传", "新街农贸市场", 9, 9, 2, 8, 10),
    ("tielu", "youyan-paifang-xuanchuan", "餐饮油烟排放宣传", "铁路社区美食街", 2, 15, 2, 10, 3),
]
DESCRIPTION = "社区居委会组织志愿者开展{title}。请穿着方便活动的衣服，工具由社区提供。\n活动结束后记录志愿服务时长。"


def build_events(volunteer_index):
    """Create the missing demo activities and, once each, their sign-ups or attendance."""
    rooms = {
        room.neighbourhood.slug: room
        for room in NeighbourhoodVolunteerPage.objects.child_of(volunteer_index).select_related(
            "neighbourhood"
        )
    }
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    for hood, slug, title, place, days, hour, hours, capacity, people in EVENTS:
        room = rooms.get(hood)
        if room is None:
            continue
        event = child_by_slug(room, slug) or add_published(
            room, new_event(slug, title, place, today, days, hour, hours, capacity)
        )
        if not VolunteerSignup.objects.filter(event=event).exists():
            add_people(event, people, past=days < 0)


def new_event(slug, title, place, today, days, hour, hours, capacity):
    """Return an unsaved activity dated relative to today."""
    start = (today + datetime.timedelta(days=days)).replace(hour=hour)
    return VolunteerEventPage(
        title=title,
        slug=slug,
        description=rich_text(DESCRIPTION.format(title=title)),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        place=place,
        capacity=capacity,
        status=VolunteerEventPage.Status.HELD if days < 0 else VolunteerEventPage.Status.PLANNED,
    )


def add_people(event, count, *, past):
    """Sign up count made-up residents, or enter them from a paper sheet if the activity is over."""
    rng = random.Random(event.slug)
    for n in range(count):
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
        phone = f"15{rng.randint(0, 9)}{event.pk % 1000:03d}{n:05d}"
        if past:
            hours = min(event.credited_hours, Decimal(rng.choice(["1", "1.5", "2", "3"])))
            enter_paper_attendance(
                event,
                name=name,
                neighbourhood=event.neighbourhood,
                phone=phone,
                hours=hours,
                entered_by=None,
            )
        else:
            signup, _ = sign_up(event, name=name, neighbourhood=event.neighbourhood, phone=phone)
            # Made-up residents get no text messages and their committee no e-mails.
            now = timezone.now()
            VolunteerSignup.objects.filter(pk=signup.pk).update(
                confirmation_sent_at=now, committee_notified_at=now
            )
