"""Build the Nanchang County demo, adding only what is missing so it can be loaded again."""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from campaigns import roles
from campaigns.demo import (
    accounts,
    articles,
    campaigns,
    county,
    images,
    pledges,
    reach,
    regulations,
    volunteering,
)
from campaigns.demo.pages import (
    add_published,
    body_stream,
    build_reach_page,
    child_by_slug,
    regulation_stream,
    rich_text,
)
from campaigns.models import (
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    Neighbourhood,
    NeighbourhoodVolunteerPage,
    NewsIndexPage,
    Participation,
    PledgePage,
    PledgeSignature,
    RegulationIndexPage,
    RegulationPage,
    RelatedRegulation,
    Town,
    VolunteerIndexPage,
    VolunteerSignup,
)
from campaigns.pledges import sign_pledge
from home.models import SiteSettings

SECTION_TYPES = {
    "campaigns": CampaignIndexPage,
    "news": NewsIndexPage,
    "regulations": RegulationIndexPage,
    "volunteer": VolunteerIndexPage,
}
DOCUMENT_FIELDS = ["document_number", "issuer", "promulgated_on", "effective_on", "status"]
COUNTED = {
    "towns 乡镇": Town,
    "neighbourhoods 社区": Neighbourhood,
    "pages 页面": Page,
    "groups 用户组": Group,
    "pledge signatures 公约签名": PledgeSignature,
    "volunteer sign-ups 志愿报名": VolunteerSignup,
    "participations 参与记录": Participation,
}


@dataclass(frozen=True)
class Report:
    created: dict
    logins: list


@transaction.atomic
def build_demo():
    """Load the whole demo and report what it created and which logins it offers."""
    before = counts()
    home = Site.objects.get(is_default_site=True).root_page.specific
    build_county()
    fill_blanks(home, {"headline": county.HOME_HEADLINE, "intro": rich_text(county.HOME_INTRO)})
    sections = build_sections(home)
    build_reach_page(home)
    build_regulations(sections["regulations"])
    build_campaigns(sections["campaigns"], sections["news"])
    build_volunteer_pages(sections["volunteer"])
    build_pledges(sections["campaigns"])
    volunteering.build_events(sections["volunteer"])
    reach.add_history()
    roles.ensure_publicity_staff_group()
    roles.ensure_volunteer_workflow(sections["volunteer"])
    fill_blanks(SiteSettings.load(), county.SITE_SETTINGS)
    logins = accounts.ensure_logins()
    after = counts()
    return Report({name: after[name] - before[name] for name in after}, logins)


def counts():
    """Return how many rows each demo model has, users and images included."""
    found = {name: model.objects.count() for name, model in COUNTED.items()}
    found["users 用户"] = get_user_model().objects.count()
    found["images 图片"] = get_image_model().objects.count()
    return found


def fill_blanks(obj, values):
    """Set the fields of obj that are still empty, leaving anything staff have edited alone."""
    blanks = {name: value for name, value in values.items() if not getattr(obj, name)}
    if not blanks:
        return
    for name, value in blanks.items():
        setattr(obj, name, value)
    if isinstance(obj, Page):
        obj.save_revision().publish()
    else:
        obj.save()


def neighbourhood_rows():
    """Yield (town, slug, name, population) for every demo neighbourhood, in county order."""
    for town_slug, _name, hoods in county.TOWNS:
        for slug, name, population in hoods:
            yield town_slug, slug, name, population


def build_county():
    """Create the missing towns and neighbourhoods, and the outlines the reach map draws."""
    towns = {}
    for order, (slug, name, _hoods) in enumerate(county.TOWNS, start=1):
        towns[slug], _ = Town.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order * 10}
        )
    for town_slug, slug, name, population in neighbourhood_rows():
        households = round(population / county.PERSONS_PER_HOUSEHOLD)
        Neighbourhood.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "town": towns[town_slug],
                "population": population,
                "households": households,
            },
        )
    reach.add_outlines()


def build_sections(home):
    """Create the missing section index pages under home and return them by slug."""
    sections = {}
    for slug, title, intro in county.SECTIONS:
        sections[slug] = child_by_slug(home, slug) or add_published(
            home,
            SECTION_TYPES[slug](title=title, slug=slug, intro=rich_text(intro), show_in_menus=True),
        )
    return sections


def build_regulations(index):
    """Create the missing regulations, linking each to the earlier ones it names."""
    made = {}
    for data in regulations.REGULATIONS:
        made[data["slug"]] = child_by_slug(index, data["slug"]) or add_published(
            index, new_regulation(data, made)
        )


def new_regulation(data, earlier):
    """Return an unsaved regulation page built from data."""
    page = RegulationPage(
        title=data["title"],
        slug=data["slug"],
        summary=rich_text(data["summary"]),
        body=regulation_stream(data["chapters"]),
        **{name: data[name] for name in DOCUMENT_FIELDS},
    )
    page.tags.add(*data["tags"])
    page.related_regulations = [RelatedRegulation(regulation=earlier[s]) for s in data["related"]]
    return page


def build_campaigns(index, news_index):
    """Create the missing campaigns, their articles and the county news."""
    today = timezone.localdate()
    for data in campaigns.CAMPAIGNS:
        campaign = child_by_slug(index, data["slug"]) or add_published(
            index, new_campaign(data, today)
        )
        fill_blanks(campaign, {"hero_image": images.demo_image(data["slug"])})
        build_articles(campaign, articles.CAMPAIGN_ARTICLES[data["slug"]], today)
    build_articles(news_index, articles.NEWS, today)


def new_campaign(data, today):
    """Return an unsaved campaign page built from data, dated relative to today."""
    start = today + datetime.timedelta(days=data["starts"])
    page = CampaignPage(
        title=data["title"],
        slug=data["slug"],
        theme=data["theme"],
        slogan=data["slogan"],
        start_date=start,
        end_date=start + datetime.timedelta(days=data["lasts"]),
        intro=data["intro"],
        body=body_stream(data["body"]),
        hero_image=images.demo_image(data["slug"]),
    )
    page.target_neighbourhoods = list(Neighbourhood.objects.filter(slug__in=data["neighbourhoods"]))
    page.tags.add(*data["tags"])
    return page


def build_articles(parent, items, today):
    """Create the articles of items that parent does not have yet."""
    for data in items:
        if child_by_slug(parent, data["slug"]) is None:
            page = ArticlePage(
                title=data["title"],
                slug=data["slug"],
                date=today - datetime.timedelta(days=data["days_ago"]),
                source=data["source"],
                intro=data["intro"],
                body=body_stream(data["body"]),
            )
            page.tags.add(*data["tags"])
            add_published(parent, page)


def build_volunteer_pages(index):
    """Give every neighbourhood its volunteer page and its committee group."""
    hoods = Neighbourhood.objects.select_related("town").in_bulk(field_name="slug")
    existing = NeighbourhoodVolunteerPage.objects.in_bulk(field_name="neighbourhood_id")
    for position, (_town, slug, _name, _population) in enumerate(neighbourhood_rows()):
        hood = hoods[slug]
        page = existing.get(hood.pk) or add_published(index, new_volunteer_page(hood, position))
        roles.ensure_committee_group(page)


def new_volunteer_page(hood, position):
    """Return an unsaved volunteer page for hood with a made-up office telephone."""
    intro = county.VOLUNTEER_INTRO.format(name=hood.name, town=hood.town.name)
    return NeighbourhoodVolunteerPage(
        title=f"{hood.name}志愿服务",
        slug=hood.slug,
        neighbourhood=hood,
        intro=rich_text(intro),
        contact=county.VOLUNTEER_CONTACT.format(number=85710000 + position * 1373),
    )


def build_pledges(campaign_index):
    """Create the demo pledges and, once, their synthetic signatures."""
    for data in pledges.PLEDGES:
        campaign = child_by_slug(campaign_index, data["campaign"])
        pledge = child_by_slug(campaign, data["slug"]) or add_published(
            campaign,
            PledgePage(
                title=data["title"],
                slug=data["slug"],
                pledge_text=rich_text(data["text"]),
                commitments=[{"type": "commitment", "value": c} for c in data["commitments"]],
                goal=data["goal"],
                opens_at=timezone.now() - datetime.timedelta(days=40),
            ),
        )
        if not pledge.signatures.exists():
            add_signatures(pledge, data["signatures"])


def add_signatures(pledge, count):
    """Sign pledge for count made-up residents, more in some neighbourhoods, none in a few."""
    rng = random.Random(pledge.slug)
    neighbourhoods = list(Neighbourhood.objects.order_by("pk"))
    reached = neighbourhoods[: len(neighbourhoods) - 6]
    weights = [rng.randint(1, 8) for _ in reached]
    for n in range(count):
        name = rng.choice(pledges.SURNAMES) + "".join(rng.sample(pledges.GIVEN, rng.randint(1, 2)))
        sign_pledge(
            pledge,
            name=name,
            neighbourhood=rng.choices(reached, weights)[0],
            phone=f"1{rng.choice('3589')}{n:09d}",
            hide_name=rng.random() < 0.15,
            at=timezone.now() - datetime.timedelta(minutes=rng.randint(5, 40 * 24 * 60)),
        )
