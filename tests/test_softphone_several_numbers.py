"""crm_softphone: two numbers in one field each match; a call leaves in the form its PBX dials."""

import pytest
from conftest import load_pure

phone = load_pure("crm_softphone", "phone")

OFFICE, MOBILE = ("+74951234567", "4951234567"), ("+79160000000", "9160000000")


@pytest.mark.parametrize(
    "raw",
    [
        "+7 495 123-45-67, +7 916 000-00-00",
        "8 495 1234567 / 8 916 0000000",
        "8 (495) 123-45-67; 8-916-000-00-00",
        "+7 495 1234567 или 8 916 0000000",
        "+7 495 1234567\n+7 916 0000000",
    ],
)
def test_each_of_two_numbers_in_one_field_gets_its_keys(raw):
    assert phone.all_keys(raw, "RU") == [OFFICE, MOBILE]
    # the first one is the field's number (the one dialled, the one shown)
    assert phone.keys(raw, "RU") == OFFICE
    assert phone.normalize(raw, "RU") == OFFICE[0]


def test_the_extension_of_one_of_two_numbers_stays_with_it():
    raw = "+7 495 123-45-67 доб. 204, +7 916 000-00-00"
    assert phone.numbers(raw) == ["+7 495 123-45-67 доб. 204", "+7 916 000-00-00"]
    assert phone.all_keys(raw, "RU") == [OFFICE, MOBILE]
    assert phone.extension(raw) == "204"


@pytest.mark.parametrize(
    "raw, country, expected",
    [
        # a short part is no second number: an extension, or an area code before a slash
        ("+7 495 123-45-67, 204", "RU", [OFFICE]),
        ("+7 495 123-45-67, доб. 1234567", "RU", [OFFICE]),
        ("030/1234567", "DE", [("+49301234567", "301234567")]),
        # the same number twice gives its keys once
        ("8 916 000 00 00, +7 916 000-00-00", "RU", [MOBILE]),
        # what cannot be read gives nothing, the rest is kept
        ("call me, 8 916 000 00 00", "RU", [MOBILE]),
        ("", "RU", []),
        (None, "RU", []),
    ],
)
def test_what_is_not_a_second_number(raw, country, expected):
    assert phone.all_keys(raw, country) == expected


@pytest.mark.parametrize(
    "dial_format, prefix, office, abroad",
    [
        (phone.DIAL_E164, "", "+74951234567", "+49301234567"),
        (phone.DIAL_NATIONAL, "", "84951234567", "81049301234567"),
        (phone.DIAL_PREFIX, "9", "984951234567", "981049301234567"),
        (phone.DIAL_PREFIX, " 0 ", "084951234567", "081049301234567"),
    ],
)
def test_a_call_leaves_in_the_form_the_pbx_dials(dial_format, prefix, office, abroad):
    assert phone.dial_string("+74951234567", "RU", dial_format, prefix) == office
    assert phone.dial_string("+49301234567", "RU", dial_format, prefix) == abroad


def test_national_form_follows_the_country_of_the_pbx():
    assert phone.dial_string("+49301234567", "DE", phone.DIAL_NATIONAL) == "0301234567"
    assert phone.dial_string("+12125550100", "US", phone.DIAL_NATIONAL) == "12125550100"
    assert phone.dial_string("+74951234567", "DE", phone.DIAL_NATIONAL) == "0074951234567"
    # no country to dial from: the E.164 form
    assert phone.dial_string("+74951234567", None, phone.DIAL_NATIONAL) == "+74951234567"


def test_the_number_a_pbx_reports_may_carry_its_outside_line_prefix():
    assert phone.keys_dialled("984951234567", "RU", "9") == OFFICE
    assert phone.keys_dialled("84951234567", "RU", "9") == OFFICE
    assert phone.keys_dialled("984951234567", "RU", "") == (None, None)
