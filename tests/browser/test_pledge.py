"""A resident signs a pledge on a phone, sees it counted and prints the certificate."""

import pytest
from playwright.sync_api import expect

from campaigns import factories
from tests.browser.conftest import serious

pytestmark = pytest.mark.browser


@pytest.fixture
def pledge(campaign):
    return factories.PledgePageFactory(parent=campaign, title="垃圾分类家庭文明公约", goal=10)


def test_resident_signs_sees_the_count_move_and_gets_a_certificate(
    phone, pledge, neighbourhood_pages
):
    phone.goto(pledge.url)
    assert serious(phone) == []
    expect(phone.locator("#count-heading")).to_contain_text("0")

    phone.get_by_label("姓名", exact=True).fill("张三明")
    phone.locator("#id_neighbourhood").select_option(label="澄湖社区")
    phone.get_by_label("手机号码").fill("138 1234 5678")
    phone.locator("#id_consent").check()
    phone.get_by_role("button", name="签名").click()

    certificate = phone.locator(".certificate")
    expect(certificate).to_contain_text("张*明")
    expect(certificate).to_contain_text("不乱扔垃圾")
    expect(phone.get_by_role("button", name="打印证书")).to_be_visible()
    assert "13812345678" not in phone.content()
    assert serious(phone) == []

    phone.get_by_role("link", name="返回承诺页面").click()
    expect(phone.locator("#count-heading")).to_contain_text("1")
    expect(phone.locator(".own-standing")).to_contain_text("澄湖社区")


def test_a_mistake_is_explained_next_to_the_field(phone, pledge, neighbourhood_pages):
    phone.goto(pledge.url)

    phone.get_by_label("姓名", exact=True).fill("李四")
    phone.locator("#id_neighbourhood").select_option(label="向阳社区")
    phone.get_by_label("手机号码").fill("12345")
    phone.locator("#id_consent").check()
    phone.get_by_role("button", name="签名").click()

    expect(phone.locator("#id_phone_error")).to_contain_text("手机号")
    expect(phone.get_by_label("姓名", exact=True)).to_have_value("李四")
    assert serious(phone) == []
