"""Russian company numbers: INN (ИНН), KPP (КПП), OGRN (ОГРН) and OGRNIP (ОГРНИП).

Each check returns None when the number is right, else the code of its problem (the caller
says it in the user's words): "chars", "length", "check". The INN is checked by python-stdnum (its two check-digit rules, for
companies with 10 digits and individuals with 12); the OGRN's check digit is the remainder of
its first 12 digits divided by 11 (OGRNIP: the first 14 by 13), the last digit of that
remainder; the KPP has no check digit: four digits (the tax office), two digits or capital
Latin letters (the reason), three digits.
"""

import re

from stdnum.exceptions import ValidationError
from stdnum.ru import inn as stdnum_inn

KPP = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")


def compact(number):
    """The number without spaces and dashes."""
    return re.sub(r"[\s\-]", "", number or "")


def inn_problem(number, company=None):
    """`company` True asks for a company's INN (10 digits), False for a person's (12)."""
    number = compact(number)
    if not number.isdigit():
        return "chars"
    if len(number) not in (10, 12):
        return "length"
    if company is True and len(number) != 10:
        return "company_length"
    try:
        stdnum_inn.validate(number)
    except ValidationError:
        return "check"
    return None


def kpp_problem(number):
    number = compact(number).upper()
    if not KPP.match(number):
        return "format"
    return None


def ogrn_problem(number):
    number = compact(number)
    if not number.isdigit() or len(number) not in (13, 15):
        return "length"
    body, check = int(number[:-1]), int(number[-1])
    if body % (11 if len(number) == 13 else 13) % 10 != check:
        return "check"
    return None


def normalized_name(name):
    """A company's name for comparison: lower case, without its legal form and quotes
    ("ООО «Ромашка»" and "Ромашка, ООО" both read "ромашка")."""
    text = (name or "").lower().replace("ё", "е")
    text = re.sub(r"[«»\"'“”„.,()]", " ", text)
    forms = {
        "ооо", "оао", "зао", "пао", "ао", "ип", "нко", "ано", "гуп", "муп", "фгуп",
        "llc", "ltd", "inc", "gmbh", "co", "corp", "jsc",
    }  # fmt: skip
    words = [w for w in text.split() if w not in forms]
    return " ".join(words)
