"""crm_softphone: the cheap guess tried before parsing agrees with the parser on the ways
PBXs and people write numbers, and gives up (None) where only the parser can tell."""

import pytest
from conftest import load_pure

phone = load_pure("crm_softphone", "phone")


@pytest.mark.parametrize(
    "raw, country",
    [
        ("+7 (916) 123-45-67", "RU"),
        ("8 916 123 45 67", "RU"),
        ("89161234567", "RU"),
        ("+79161234567", "RU"),
        ("916-123-4567", "RU"),
        ("007 916 1234567", "RU"),
        ("030 1234567", "DE"),
        ("+49 30 1234567", "DE"),
        ("0049 30 1234567", "DE"),
    ],
)
def test_the_guess_is_what_the_parser_reads(raw, country):
    assert phone.guess_e164(raw, country) == phone.normalize(raw, country)


@pytest.mark.parametrize(
    "raw, country",
    [
        ("+7 495 123-45-67 доб. 204", "RU"),
        ("ext. 12", "RU"),
        ("12345", "RU"),
        ("", "RU"),
        (None, "RU"),
        ("8 916 123 45 67", None),
    ],
)
def test_no_guess_where_only_the_parser_can_tell(raw, country):
    assert phone.guess_e164(raw, country) is None
