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


@pytest.fixture
def cache_reads(monkeypatch):
    """Record the keys each read of the cache asks for."""
    from django.core.cache import cache

    asked, get = [], cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args: asked.append(key) or get(key, *args))
    return asked


@pytest.mark.django_db
def test_a_process_reads_the_neighbourhood_list_once_until_it_changes(
    cache_reads, django_assert_num_queries
):
    from campaigns import factories
    from campaigns.residents import DIRECTORY_VERSION, neighbourhood_directory

    place = factories.NeighbourhoodFactory(name="澄湖社区")
    assert [p.name for p in neighbourhood_directory()] == ["澄湖社区"]
    cache_reads.clear()

    with django_assert_num_queries(0):
        assert [p.name for p in neighbourhood_directory()] == ["澄湖社区"]
    assert cache_reads == [DIRECTORY_VERSION]

    place.name = "莲塘社区"
    place.save()

    assert [p.name for p in neighbourhood_directory()] == ["莲塘社区"]


@pytest.mark.django_db
def test_the_neighbourhood_list_is_read_again_once_the_cache_has_lost_its_data():
    from django.core.cache import cache

    from campaigns import factories
    from campaigns.models import Neighbourhood
    from campaigns.residents import neighbourhood_directory

    place = factories.NeighbourhoodFactory(name="澄湖社区")
    neighbourhood_directory()
    # A change the cache never heard of, then a restart of Redis, which keeps nothing on disk.
    Neighbourhood.objects.filter(pk=place.pk).update(name="莲塘社区")
    cache.clear()

    assert [p.name for p in neighbourhood_directory()] == ["莲塘社区"]
