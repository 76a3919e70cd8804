"""Split a person's display name into surname, first name and patronymic (Фамилия, Имя,
Отчество).

Plain Python, no Odoo import. Russian names are written surname first in documents
("Иванов Иван Иванович") and first name first in speech ("Иван Иванович Иванов"); the
patronymic (-ович, -евич, -ич, -овна, -евна, -ична; Turkic "оглы", "кызы") tells which
order is used. Initials ("Иванов И. И.", "И.И. Иванов") are kept as written. Western names
("John Smith") are first name first, unless written "Smith, John".
"""

import re
from dataclasses import dataclass

_MALE_PATRONYMIC = ("ович", "евич", "ёвич", "ьич", "ич")
_FEMALE_PATRONYMIC = ("овна", "евна", "ёвна", "ична", "инична")
_TURKIC_PATRONYMIC = {"оглы", "оглу", "улы", "уулу", "кызы", "гызы", "кизи", "ogly", "oglu", "kyzy"}
_SURNAME_ENDINGS = (
    "ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ской", "ова", "ева", "ёва", "ина", "ына",
    "ская", "цкая", "ой", "ый", "ых", "их", "енко", "ук", "юк", "швили", "дзе", "ян", "янц", "ич",
)  # fmt: skip
# Common first names that a surname ending would misread (Марина, Яков, Лев, Ильин...)
_FIRST_NAMES = {
    "александр", "алексей", "анатолий", "андрей", "антон", "аркадий", "артём", "артем", "борис",
    "вадим", "валентин", "валерий", "василий", "виктор", "виталий", "владимир", "владислав",
    "вячеслав", "геннадий", "георгий", "глеб", "григорий", "даниил", "денис", "дмитрий",
    "евгений", "егор", "иван", "игорь", "илья", "кирилл", "константин", "лев", "леонид",
    "максим", "марк", "михаил", "никита", "николай", "олег", "павел", "пётр", "петр", "роман",
    "руслан", "сергей", "станислав", "степан", "тимур", "фёдор", "федор", "юрий", "яков",
    "ярослав", "александра", "алина", "алла", "анастасия", "анна", "валентина", "валерия",
    "вера", "вероника", "виктория", "галина", "дарья", "евгения", "екатерина", "елена",
    "елизавета", "жанна", "зоя", "инна", "ирина", "карина", "кристина", "ксения", "лариса",
    "любовь", "людмила", "маргарита", "марина", "мария", "надежда", "наталья", "наталия",
    "нина", "оксана", "ольга", "полина", "светлана", "софия", "софья", "тамара", "татьяна",
    "ульяна", "юлия", "яна", "ильхам", "лейла", "фарид", "рустам", "айгуль",
}  # fmt: skip
_INITIAL = re.compile(r"^\w\.$")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@dataclass(frozen=True)
class FullName:
    surname: str = ""
    first_name: str = ""
    patronymic: str = ""


def _is_patronymic(word):
    low = word.lower()
    return low.endswith(_MALE_PATRONYMIC + _FEMALE_PATRONYMIC) and len(low) > 4


def _is_female_patronymic(word):
    return word.lower().endswith(_FEMALE_PATRONYMIC) and len(word) > 4


def _looks_like_surname(word):
    low = word.lower()
    if low in _FIRST_NAMES:
        return False
    return any(part.endswith(_SURNAME_ENDINGS) for part in low.split("-"))


def _tokens(name):
    """Words of the name; "И.И." becomes two initials, "Гейдар оглы" one patronymic."""
    words = []
    for raw in name.replace(",", " , ").split():
        if re.fullmatch(r"(\w\.){2,}", raw):
            words += re.findall(r"\w\.", raw)
        elif raw.lower() in _TURKIC_PATRONYMIC and words and words[-1] != ",":
            words[-1] = f"{words[-1]} {raw}"
        else:
            words.append(raw)
    return words


def parse(name):
    """The FullName read from a display name (empty parts when absent)."""
    words = _tokens(name or "")
    if "," in words:  # "Smith, John" / "Иванов, Иван Иванович": surname before the comma
        comma = words.index(",")
        surname = " ".join(words[:comma])
        rest = [w for w in words[comma + 1 :] if w != ","]
        return FullName(surname, rest[0] if rest else "", " ".join(rest[1:]))
    if not words:
        return FullName()
    initials = [w for w in words if _INITIAL.match(w)]
    if initials and len(initials) < len(words):
        others = [w for w in words if not _INITIAL.match(w)]
        return FullName(" ".join(others), initials[0], " ".join(initials[1:]))
    if len(words) == 1:
        word = words[0]
        return FullName(surname=word) if _looks_like_surname(word) else FullName(first_name=word)
    if len(words) == 2:
        first, second = words
        if (_is_patronymic(second) and not _looks_like_surname(first)) or " " in second:
            return FullName(first_name=first, patronymic=second)  # "Иван Петрович"
        if _looks_like_surname(second) and not _looks_like_surname(first):
            return FullName(second, first)
        if _looks_like_surname(first) and not _looks_like_surname(second):
            return FullName(first, second)
        if not _CYRILLIC.search(first + second):
            return FullName(second, first)  # "John Smith"
        return FullName(first, second)  # Russian documents: surname first
    return _parse_three_or_more(words)


def _parse_three_or_more(words):
    first_word, middle, last = words[0], words[1], words[-1]
    last_is = _is_patronymic(last) or " " in last
    middle_is = _is_patronymic(middle) or " " in middle
    if len(words) == 3:
        if middle_is and (
            not last_is
            or _is_female_patronymic(middle)
            or (_looks_like_surname(last) and not _is_patronymic(first_word))
        ):
            return FullName(last, first_word, middle)  # "Иван Иванович Иванов"
        return FullName(first_word, middle, last)  # "Иванов Иван Иванович"
    if last_is:  # "Салтыков Щедрин Михаил Евгеньевич": the last two are name and patronymic
        return FullName(" ".join(words[:-2]), words[-2], last)
    return FullName(first_word, middle, " ".join(words[2:]))
