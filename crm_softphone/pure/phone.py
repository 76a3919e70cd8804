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

A field may hold several numbers ("+7 495 123-45-67, +7 916 000-00-00", "8 495 1234567 /
8 916 0000000", one per line): `numbers` splits them, `keys` reads the first, `all_keys` each.

A call started from Odoo (click-to-dial) reaches the PBX in the form the PBX dials (`dial_string`):
E.164, national with the trunk prefix of the PBX's country ("84951234567" in Russia), or an
outside-line prefix before that national form ("984951234567").
"""

import functools
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


# what separates two numbers written in one field
_SEPARATOR = re.compile(r"\s*(?:[,;/|\n]|\s(?:или|or)\s)\s*", re.IGNORECASE)
# a part that only says which extension: it belongs to the number before it
_EXTENSION_ONLY = re.compile(
    r"^(?:добавочный|доб|внутренний|внутр|вн|extension|extn|ext|x|#)\.?\s*\d", re.IGNORECASE
)

DIAL_E164 = "e164"
DIAL_NATIONAL = "national"
DIAL_PREFIX = "prefix"


def numbers(raw):
    """The numbers written in one field, each with its extension, in the order written.

    "+7 495 123-45-67 доб. 204, +7 916 000-00-00" gives two numbers; a part too short to be a
    number ("030/1234567", "..., 204") stays with its neighbour; a part without a digit is
    left out.
    """
    if not raw or not isinstance(raw, str):
        return []
    parts, separators, position = [], [], 0
    for match in _SEPARATOR.finditer(raw):
        parts.append(raw[position : match.start()])
        separators.append(match.group())
        position = match.end()
    parts.append(raw[position:])
    # a part without a digit ("call me, 8 916 ...") is a remark, not a number
    kept = [i for i, part in enumerate(parts) if _digits(part)]
    if not kept:
        return [raw.strip()] if raw.strip() else []
    parts, separators = [parts[i] for i in kept], [separators[i - 1] for i in kept[1:]]
    result, current = [], parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        if (
            _digits(current) >= MIN_DIGITS
            and _digits(part) >= MIN_DIGITS
            and not _EXTENSION_ONLY.match(part.strip())
        ):
            result.append(current.strip())
            current = part
        else:
            current += separator + part
    result.append(current.strip())
    return [number for number in result if number]


def _digits(text):
    return sum(char.isdigit() for char in text)


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
    """The extension written after a number ("204" of "... доб. 204"), or None; of the first
    number when the field holds several."""
    written = numbers(raw)
    return split_extension(written[0])[1] if written else None


def _parse(raw, country):
    """The first number written in `raw`, read (None when it cannot be)."""
    written = numbers(raw)
    return _parse_one(written[0], country) if written else None


def _parse_one(raw, country):
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


def all_keys(raw, country=None):
    """[(e164, national significant number), ...] of every number written in `raw`, in order,
    without repetition; the numbers that cannot be read give none."""
    result = []
    for written in numbers(raw):
        number = _parse_one(written, country)
        if number is None:
            continue
        pair = (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            phonenumbers.national_significant_number(number),
        )
        if pair not in result:
            result.append(pair)
    return result


def dial_string(e164, country=None, dial_format=DIAL_E164, prefix=""):
    """What the PBX is given to dial the number `e164` ("+74951234567").

    - DIAL_E164: "+74951234567";
    - DIAL_NATIONAL: as dialled from a phone in `country`: "84951234567" from Russia (the trunk
      prefix), "81049301234567" for a German number (the international prefix);
    - DIAL_PREFIX: `prefix` (an outside line, "9") before the national form: "984951234567".

    Without a country to dial from, the E.164 form.
    """
    if dial_format == DIAL_E164 or not country:
        return e164
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    formatted = phonenumbers.format_out_of_country_calling_number(number, country.upper())
    digits = re.sub(r"\D", "", formatted)
    if not digits:
        return e164
    if dial_format == DIAL_PREFIX:
        return re.sub(r"\s", "", prefix or "") + digits
    return digits


_PREFIXES = {}


def _country_prefixes(country):
    """(country calling code, trunk prefix) of an ISO country code, e.g. ("7", "8") for RU."""
    if country not in _PREFIXES:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(country.upper())
        _PREFIXES[country] = (str(meta.country_code), meta.national_prefix or "") if meta else None
    return _PREFIXES[country]


def guess_e164(raw, country=None):
    """A cheap guess of the E.164 form of a number as PBXs and people write it (digits with
    spaces, dashes and brackets; "+" and the country code, the trunk prefix, "00" or nothing
    before the national number), without parsing it; None when it does not look like one.

    Only a guess, to try first against the stored keys (which were parsed and validated when
    stored: a guess that finds one is that number); when it finds none, the caller parses.
    Remembered for the last numbers seen (a call's number comes with each of its events).
    """
    if not isinstance(raw, str) or not country:
        return None
    return _guess_e164(raw, country)


_NOT_DIGITS = re.compile(r"[\s\-().]")


@functools.lru_cache(maxsize=4096)
def _guess_e164(raw, country):
    text = raw.strip()
    plus = text.startswith("+")
    digits = _NOT_DIGITS.sub("", text[1:] if plus else text)
    if not digits.isdigit() or len(digits) < 7:
        return None
    if plus:
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    prefixes = _country_prefixes(country)
    if not prefixes:
        return None
    code, trunk = prefixes
    if trunk and digits.startswith(trunk):
        digits = digits[len(trunk) :]
    return "+" + code + digits


def keys_dialled(raw, country=None, prefix=""):
    """`keys` of a number a PBX reports, which may still carry the outside-line prefix the
    PBX was given ("984951234567" with the prefix "9")."""
    found = keys(raw, country)
    prefix = re.sub(r"\s", "", prefix or "")
    if found[0] or not prefix or not isinstance(raw, str):
        return found
    text = raw.strip()
    if not text.startswith(prefix):
        return found
    return keys(text[len(prefix) :], country)


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
