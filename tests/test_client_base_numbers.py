"""crm_client_base: Russian company numbers checked by their check digits, names compared
without their legal form."""

import pytest
from conftest import load_pure

numbers = load_pure("crm_client_base", "company_numbers")


@pytest.mark.parametrize("inn", ["7707083893", "770708389-3", "500100732259"])
def test_right_inns_pass(inn):
    assert numbers.inn_problem(inn) is None


@pytest.mark.parametrize(
    "inn, words",
    [
        ("7707083894", "check"),
        ("770708389", "length"),
        ("77070838AB", "chars"),
        ("500100732258", "check"),
    ],
)
def test_wrong_inns_say_why(inn, words):
    assert numbers.inn_problem(inn) == words


def test_a_company_needs_ten_digits():
    assert numbers.inn_problem("500100732259", company=True) == "company_length"


@pytest.mark.parametrize("ogrn", ["1027700132195", "304500116000157"])
def test_right_ogrns_pass(ogrn):
    assert numbers.ogrn_problem(ogrn) is None


@pytest.mark.parametrize("ogrn", ["1027700132196", "304500116000158", "102770013219", "x"])
def test_wrong_ogrns_are_refused(ogrn):
    assert numbers.ogrn_problem(ogrn)


@pytest.mark.parametrize("kpp, ok", [("773601001", True), ("7736AB001", True), ("77360100", False)])
def test_kpp_format(kpp, ok):
    assert (numbers.kpp_problem(kpp) is None) is ok


def test_names_compare_without_legal_form():
    assert numbers.normalized_name("ООО «Ромашка»") == numbers.normalized_name("Ромашка, ооо")
    assert numbers.normalized_name('АО "Ёлка"') == "елка"
