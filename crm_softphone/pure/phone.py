"""Phone numbers as the PBX and the users write them, reduced to keys that match.

Plain Python (phonenumbers only): the PBX gives "89161234567", "+7 (916) 123-45-67",
"0049 30 1234567" or an extension "204"; a partner's card says "8 916 123 45 67". Both sides are
turned into two keys:

- the E.164 form ("+79161234567"), read with the PBX's (or the company's) country for numbers
  written without a country code;
- the national significant number ("9161234567"), the same whatever prefix or country code was
  written, for the second, looser lookup (a number stored with the wrong or no country).

A number written with an extension ("+7 495 123-45-67 доб. 204", "+1 212 555 0100 ext. 12")
gives the keys of its main line, where the PBX sees the call come from; the extension is kept
apart (`extension`). A number of a full length for its country in a range the library does not
know yet is still read by its digits. A number that cannot be read (letters, too short or too
long for that country) gives no key: the call is kept with its raw number and matches nobody.
"""

import re

import phonenumbers

# fewer digits than this is an internal extension or garbage, never a client's number
MIN_DIGITS = 6
_ALLOWED = re.compile(r"^[\s\d()+\-./]+$")
# a trailing extension: "доб. 204", "вн. 12", "ext. 12", "extension 12", "x204", "#204", ", 5"
_EXTENSION = re.compile(
    r"^(?P<number>.*\d[\s().\-]*?)\s*"
    r"(?:[,;]?\s*(?:добавочный|доб|внутренний|внутр|вн|extension|extn|ext|x)\.?|[,;#])\s*"
    r"(?P<extension>\d{1,7})\s*$",
    re.IGNORECASE,
)


def split_extension(raw):
    """(the number, its extension or None): "+7 495 123-45-67 доб. 204" gives
    ("+7 495 123-45-67", "204")."""
    if not raw or not isinstance(raw, str):
        return raw, None
    match = _EXTENSION.match(raw.strip())
    if not match:
        return raw, None
    return match.group("number").strip(), match.group("extension")


def extension(raw):
    """The extension written after a number ("204" of "... доб. 204"), or None."""
    return split_extension(raw)[1]


def _parse(raw, country):
    if not raw or not isinstance(raw, str):
        return None
    text = split_extension(raw)[0].strip()
    if not _ALLOWED.match(text):
        return None  # letters: "call me", "+7 916 CALL-NOW"
    digits = re.sub(r"\D", "", text)
    if len(digits) < MIN_DIGITS:
        return None
    if text.startswith("00"):  # international prefix used in most of the world
        text = "+" + text.lstrip("0 ")
    region = (country or "").upper() or None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return number
    # a number of a full length for its country in a range the library does not know yet (a
    # new operator's block): matched by its digits all the same
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE:
        return number
    return None


def normalize(raw, country=None):
    """E.164 form of `raw` ("+79161234567"), or None when it is not a phone number.

    `country` (ISO code, "RU") is used for numbers written without a country code.
    """
    number = _parse(raw, country)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def keys(raw, country=None):
    """(e164, national significant number) of `raw`, or (None, None)."""
    number = _parse(raw, country)
    if number is None:
        return None, None
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.national_significant_number(number),
    )


def nsn_of_e164(e164):
    """National significant number of an E.164 string (None when unreadable)."""
    if not e164:
        return None
    try:
        return phonenumbers.national_significant_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return None


def display(e164):
    """The international form for the eye: "+7 916 123-45-67"."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def best_matches(exact, by_nsn):
    """The candidates to offer: the exact matches when there are any, else the looser ones.

    Several candidates are all kept (in the given order, without repetition).
    """
    chosen = exact if exact else by_nsn
    seen, result = set(), []
    for candidate in chosen:
        if candidate not in seen:
            seen.add(candidate)
            result.append(candidate)
    return result
