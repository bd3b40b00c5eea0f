"""factory_boy factories for the campaigns app's snippets and pages."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from campaigns import models


def regulation_body(chapters=3, articles_per_chapter=5):
    """Return raw StreamField data for a regulation with continuously numbered articles."""
    body, number = [], 0
    for chapter in range(1, chapters + 1):
        articles = []
        for _ in range(articles_per_chapter):
            number += 1
            articles.append({"number": number, "text": f"<p>第{number}条的规定内容。</p>"})
        body.append(
            {
                "type": "chapter",
                "value": {"number": chapter, "title": f"第{chapter}章标题", "articles": articles},
            }
        )
    return body


class TownFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"测试镇{n}")
    slug = factory.Sequence(lambda n: f"town-{n}")

    class Meta:
        model = models.Town
        django_get_or_create = ("slug",)


class NeighbourhoodFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"测试社区{n}")
    slug = factory.Sequence(lambda n: f"neighbourhood-{n}")
    town = factory.SubFactory(TownFactory)
    population = 6000
    households = 2100

    class Meta:
        model = models.Neighbourhood


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "宣传活动"
    slug = "campaigns"
    show_in_menus = True

    class Meta:
        model = models.CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"文明创建活动{n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    theme = "垃圾分类"
    slogan = "垃圾分类 从我做起"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))
    intro = "活动简介"
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>活动正文</p>"}])

    class Meta:
        model = models.CampaignPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "新闻动态"
    slug = "news"
    show_in_menus = True

    class Meta:
        model = models.NewsIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"宣传文章{n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    date = factory.LazyFunction(timezone.localdate)
    source = "县城管委"
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>文章正文</p>"}])

    class Meta:
        model = models.ArticlePage


class RegulationIndexPageFactory(wagtail_factories.PageFactory):
    title = "政策法规"
    slug = "regulations"
    show_in_menus = True

    class Meta:
        model = models.RegulationIndexPage


class RegulationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"南昌县城市管理办法{n}")
    slug = factory.Sequence(lambda n: f"regulation-{n}")
    document_number = factory.Sequence(lambda n: f"南县府发〔2024〕{n}号")
    issuer = "南昌县人民政府"
    promulgated_on = datetime.date(2024, 3, 1)
    effective_on = datetime.date(2024, 5, 1)
    body = factory.LazyFunction(regulation_body)

    class Meta:
        model = models.RegulationPage


class VolunteerIndexPageFactory(wagtail_factories.PageFactory):
    title = "志愿服务"
    slug = "volunteer"
    show_in_menus = True

    class Meta:
        model = models.VolunteerIndexPage


class NeighbourhoodVolunteerPageFactory(wagtail_factories.PageFactory):
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    title = factory.LazyAttribute(lambda page: f"{page.neighbourhood.name}志愿服务")
    slug = factory.LazyAttribute(lambda page: page.neighbourhood.slug)

    class Meta:
        model = models.NeighbourhoodVolunteerPage


class PledgePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"文明公约{n}")
    slug = factory.Sequence(lambda n: f"pledge-{n}")
    pledge_text = "<p>我承诺遵守文明公约，共建美好家园。</p>"
    commitments = factory.LazyFunction(
        lambda: [
            {"type": "commitment", "value": "不乱扔垃圾"},
            {"type": "commitment", "value": "文明停车"},
            {"type": "commitment", "value": "不占道经营"},
        ]
    )
    goal = 100
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Meta:
        model = models.PledgePage


class VolunteerEventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社区志愿活动{n}")
    slug = factory.Sequence(lambda n: f"volunteer-event-{n}")
    description = "<p>清理楼道杂物，宣传垃圾分类。</p>"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda page: page.starts_at + datetime.timedelta(hours=2))
    place = "社区广场"
    capacity = 20

    class Meta:
        model = models.VolunteerEventPage
