"""crm_softphone: numbers as written by PBXs and users reduce to keys that match."""

import pytest
from conftest import load_pure

phone = load_pure("crm_softphone", "phone")


@pytest.mark.parametrize(
    "raw, country",
    [
        ("+79161234567", "RU"),
        ("+7 (916) 123-45-67", "RU"),
        ("8 916 123 45 67", "RU"),
        ("89161234567", "RU"),
        ("9161234567", "RU"),
        ("007 916 123-45-67", "DE"),
        ("+7.916.123.45.67", None),
        (" +7 916 1234567 ", "US"),
    ],
)
def test_one_russian_mobile_in_every_format(raw, country):
    assert phone.normalize(raw, country) == "+79161234567"
    assert phone.keys(raw, country) == ("+79161234567", "9161234567")


def test_local_number_read_with_the_pbx_country():
    assert phone.normalize("030 1234567", "DE") == "+49301234567"
    assert phone.normalize("(495) 123-45-67", "RU") == "+74951234567"
    # the same digits are another number in another country
    assert phone.normalize("0301234567", "FR") != phone.normalize("0301234567", "DE")


@pytest.mark.parametrize(
    "raw, country",
    [
        ("call me", "RU"),
        ("+7 916 CALL-NOW", "RU"),
        ("12345", "RU"),
        ("204", "RU"),  # an extension
        ("", "RU"),
        (None, "RU"),
        ("+7 916 123", "RU"),  # too short for Russia
        ("+999 1234567", None),  # no such country code
        ("916 123 45 67", None),  # local number, no country to read it with
        ("123456789012345678", "RU"),
    ],
)
def test_bad_numbers_give_no_key(raw, country):
    assert phone.normalize(raw, country) is None
    assert phone.keys(raw, country) == (None, None)


def test_national_significant_number_ignores_the_prefix_written():
    e164, nsn = phone.keys("+49 30 1234567", "RU")
    assert (e164, nsn) == ("+49301234567", "301234567")
    assert phone.nsn_of_e164(e164) == nsn
    assert phone.nsn_of_e164("garbage") is None


def test_exact_matches_win_over_national_ones_and_all_are_offered():
    assert phone.best_matches([3, 1], [7, 3]) == [3, 1]
    assert phone.best_matches([], [7, 3, 7]) == [7, 3]
    assert phone.best_matches([], []) == []


def test_display_form():
    assert phone.display("+79161234567") == "+7 916 123-45-67"
    assert phone.display("nonsense") == "nonsense"


@pytest.mark.parametrize(
    "raw, country, keys, extension",
    [
        ("+7 495 123-45-67 доб. 204", "RU", ("+74951234567", "4951234567"), "204"),
        ("8 (495) 123-45-67, доб 5", "RU", ("+74951234567", "4951234567"), "5"),
        ("+7 495 1234567 вн. 12", "RU", ("+74951234567", "4951234567"), "12"),
        ("(495) 123-45-67 Доб.204", "RU", ("+74951234567", "4951234567"), "204"),
        ("+1 212 555 0100 ext. 12", "RU", ("+12125550100", "2125550100"), "12"),
        ("+1 212 555 0100 extension 12", None, ("+12125550100", "2125550100"), "12"),
        ("+7 495 1234567 x204", "RU", ("+74951234567", "4951234567"), "204"),
        ("+7 495 1234567#204", "RU", ("+74951234567", "4951234567"), "204"),
        ("+7 495 123-45-67", "RU", ("+74951234567", "4951234567"), None),
    ],
)
def test_a_number_with_an_extension_matches_its_main_line(raw, country, keys, extension):
    assert phone.keys(raw, country) == keys
    assert phone.normalize(raw, country) == keys[0]
    assert phone.extension(raw) == extension


@pytest.mark.parametrize("raw", ["доб. 204", "ext. 12", "x204", "+7 916 CALL-NOW ext. 1"])
def test_an_extension_alone_is_no_number(raw):
    assert phone.keys(raw, "RU") == (None, None)


@pytest.mark.parametrize("raw", ["+7 600 123-45-67", "8 600 123 45 67", "(600) 123-45-67"])
def test_a_number_in_a_range_the_library_does_not_know_is_read_by_its_digits(raw):
    # +7 600 is no range of phonenumbers' Russian metadata yet, but a full-length number
    assert phone.keys(raw, "RU") == ("+76001234567", "6001234567")


@pytest.mark.parametrize("raw", ["123-45-67", "+7 600 123-45", "+7 600 123-45-67-89"])
def test_a_number_too_short_or_too_long_for_its_country_is_still_no_number(raw):
    assert phone.keys(raw, "RU") == (None, None)
