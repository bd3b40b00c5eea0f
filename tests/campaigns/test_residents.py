import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from campaigns.residents import mask_name, mask_phone, normalise_phone, participant_key


@pytest.mark.parametrize(
    "raw",
    ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "008613812345678"],
)
def test_common_ways_of_writing_a_mobile_number_normalise_to_eleven_digits(raw):
    assert normalise_phone(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["", "12812345678", "1381234567", "0791-88888888", "abc", None])
def test_numbers_that_are_not_mainland_mobiles_are_refused_in_chinese(raw):
    with pytest.raises(ValidationError) as error:
        normalise_phone(raw)

    assert "手机号" in str(error.value.messages[0])


def test_the_same_resident_gets_the_same_key_however_they_type_their_number():
    assert participant_key("138 1234 5678") == participant_key("+8613812345678")


def test_the_key_never_contains_the_number_and_depends_on_the_secret():
    key = participant_key("13812345678")

    with override_settings(PARTICIPANT_KEY_SECRET="another-secret"):
        other = participant_key("13812345678")

    assert "13812345678" not in key and "5678" not in key
    assert len(key) == 64
    assert key != other


def test_different_residents_get_different_keys():
    assert participant_key("13812345678") != participant_key("13812345679")


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三明", "张*明"),
        ("张三", "张*"),
        ("欧阳小明", "欧**明"),
        ("李", "*"),
        ("", ""),
        (" 王五 ", "王*"),
    ],
)
def test_names_are_masked_in_the_middle(name, masked):
    assert mask_name(name) == masked


def test_phone_numbers_are_masked_in_the_middle():
    assert mask_phone("13812345678") == "138****5678"
