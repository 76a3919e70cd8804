"""Translations are complete: every addon ships a .pot and a fully translated Russian ru.po.

Plain Python (no Odoo, no polib). When a test fails after a user-visible string changed, run
`./dev py tools/i18n_export.py <addon>` (regenerates the .pot with Odoo, merges it into ru.po and
lists what is left to translate), translate the listed msgids in `<addon>/i18n/ru.po`, and
run this file again.
"""

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
LANG = "ru"
HOWTO = "fix: ./dev py tools/i18n_export.py {addon}, then translate in {addon}/i18n/ru.po"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")
# printf-style placeholders: %s, %d, %(name)s, %.2f, %%; a lone "%" (as in "Rate, %") is text.
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0+-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[sdiouxXeEfFgGcr%]")
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)")


def _unquote(token):
    """The value of one PO string token such as "a \\"b\\"\\n"."""
    body = token.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), body)


def parse_po(path):
    """Entries of a .po/.pot file as dicts: msgctxt, msgid, msgstr (plural forms joined by
    a NUL), flags, obsolete, line. Obsolete entries (#~) are returned with obsolete=True."""
    entries = []
    entry, key = None, None

    def close():
        nonlocal entry, key
        if entry is not None and "msgid" in entry:
            plural = sorted(k for k in entry if k.startswith("msgstr["))
            if plural:
                entry["msgstr"] = "\0".join(entry.pop(k) for k in plural)
            entry.setdefault("msgstr", "")
            entries.append(entry)
        entry, key = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if line.startswith("|"):  # "#~| msgid": previous msgid of an obsolete entry
            continue
        if not line:
            close()
            continue
        if line.startswith("#"):
            if entry is not None and "msgid" in entry:
                close()
            entry = entry or {"flags": set(), "obsolete": False, "line": number}
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, token = match.groups()
            if keyword in ("msgctxt", "msgid") and entry is not None and "msgid" in entry:
                close()
            entry = entry or {"flags": set(), "obsolete": False, "line": number}
            entry["obsolete"] = entry["obsolete"] or obsolete
            key = keyword
            entry[key] = _unquote(token)
        elif line.startswith('"') and line.endswith('"') and entry is not None and key:
            entry[key] += _unquote(line)
        else:
            raise AssertionError(f"{path}:{number}: cannot parse line {raw!r}")
    close()
    return entries


def _live(entries):
    """Non-obsolete entries without the header, keyed by (msgctxt, msgid)."""
    return {(e.get("msgctxt"), e["msgid"]): e for e in entries if e["msgid"] and not e["obsolete"]}


def _header(entries):
    head = next((e for e in entries if e["msgid"] == "" and not e["obsolete"]), None)
    assert head is not None, 'no header entry (msgid "")'
    return dict(line.split(":", 1) for line in head["msgstr"].splitlines() if ":" in line), head


def _listing(problems):
    return "\n".join(f"  - {p}" for p in problems)


def _files(addon):
    i18n = ROOT / addon / "i18n"
    pot, po = i18n / f"{addon}.pot", i18n / f"{LANG}.po"
    missing = [str(p.relative_to(ROOT)) for p in (pot, po) if not p.is_file()]
    assert not missing, f"{addon}: missing {', '.join(missing)}; {HOWTO.format(addon=addon)}"
    return parse_po(pot), parse_po(po)


# --------------------------------------------------------------------------- the parser


def test_parser_handles_multiline_and_escapes(tmp_path):
    sample = tmp_path / "x.po"
    sample.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
        "#. module: x\n#, python-format\n"
        'msgid ""\n"Say \\"%(name)s\\"\\n"\n"twice"\nmsgstr "Скажи \\"%(name)s\\"\\nдважды"\n\n'
        '#, fuzzy\nmsgctxt "c"\nmsgid "A\\\\B"\nmsgstr ""\n\n'
        '#~ msgid "old"\n#~ msgstr "старое"\n',
        encoding="utf-8",
    )
    header, body, fuzzy, old = parse_po(sample)
    assert header["msgstr"] == "Language: ru\n"
    assert body["msgid"] == 'Say "%(name)s"\ntwice'
    assert body["msgstr"] == 'Скажи "%(name)s"\nдважды'
    assert "python-format" in body["flags"]
    assert (fuzzy["msgctxt"], fuzzy["msgid"], fuzzy["flags"]) == ("c", "A\\B", {"fuzzy"})
    assert old["obsolete"] and old["msgstr"] == "старое"
    assert Counter(_PLACEHOLDER.findall("%s, %(a)s, %d%%, 5 % x, Rate, %")) == Counter(
        ["%s", "%(a)s", "%d", "%%"]
    )


# --------------------------------------------------------------------------- the addons


def test_there_are_addons():
    assert ADDONS, "no addon folder with a __manifest__.py at the repository root"


@pytest.mark.parametrize("addon", ADDONS)
def test_every_msgid_is_translated(addon):
    pot, po = _files(addon)
    template, translated = _live(pot), _live(po)
    assert template, f"{addon}/i18n/{addon}.pot has no entries"
    missing = []
    for ctx, msgid in template:
        entry = translated.get((ctx, msgid))
        if entry is None or not all(entry["msgstr"].split("\0")):
            missing.append(msgid if ctx is None else f"[{ctx}] {msgid}")
    assert not missing, (
        f"{addon}/i18n/{LANG}.po: {len(missing)} of {len(template)} msgids of the template "
        f"have no translation:\n{_listing(repr(m) for m in missing)}\n{HOWTO.format(addon=addon)}"
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_po_follows_the_template(addon):
    """ru.po has been merged with the current .pot: no live entry the template dropped."""
    pot, po = _files(addon)
    stale = sorted(set(_live(po)) - set(_live(pot)), key=str)
    assert not stale, (
        f"{addon}/i18n/{LANG}.po has {len(stale)} entries no longer in the template "
        f"(merge it):\n{_listing(repr(m) for _c, m in stale)}\n{HOWTO.format(addon=addon)}"
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_no_fuzzy_entries(addon):
    _pot, po = _files(addon)
    fuzzy = [e for e in po if "fuzzy" in e["flags"] and not e["obsolete"]]
    assert not fuzzy, (
        f"{addon}/i18n/{LANG}.po has {len(fuzzy)} fuzzy entries (unchecked guesses): review "
        f"each and remove its '#, fuzzy' flag:\n"
        + _listing(f"line {e['line']}: {e['msgid']!r}" for e in fuzzy)
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_header_is_russian(addon):
    _pot, po = _files(addon)
    header, entry = _header(po)
    assert "fuzzy" not in entry["flags"], "the header is marked fuzzy"
    assert header.get("Language", "").strip() == LANG, header
    assert header.get("Plural-Forms", "").strip().startswith("nplurals=4;"), header
    assert "charset=UTF-8" in header.get("Content-Type", ""), header


@pytest.mark.parametrize("addon", ADDONS)
def test_placeholders_are_kept(addon):
    _pot, po = _files(addon)
    wrong = []
    for (_ctx, msgid), entry in _live(po).items():
        expected = Counter(_PLACEHOLDER.findall(msgid))
        for form in filter(None, entry["msgstr"].split("\0")):
            got = Counter(_PLACEHOLDER.findall(form))
            if got != expected:
                wrong.append(
                    f"{msgid!r}: placeholders {sorted(expected.elements())} "
                    f"but translation {form!r} has {sorted(got.elements())}"
                )
    assert not wrong, f"{addon}/i18n/{LANG}.po changes placeholders:\n{_listing(wrong)}"


@pytest.mark.parametrize("addon", ADDONS)
def test_html_tags_are_kept(addon):
    _pot, po = _files(addon)
    wrong = []
    for (_ctx, msgid), entry in _live(po).items():
        expected = Counter(_TAG.findall(msgid))
        if not expected or not entry["msgstr"]:
            continue
        got = Counter(_TAG.findall(entry["msgstr"]))
        if got != expected:
            wrong.append(f"{msgid!r}: tags {sorted(expected)} became {sorted(got)}")
    assert not wrong, f"{addon}/i18n/{LANG}.po changes HTML tags:\n{_listing(wrong)}"


# --------------------------------------------------------------------------- staleness


def _python_terms(addon):
    """Literal terms of the addon's Python code that Odoo exports: the first argument of
    `_(...)`/`_lt(...)`, and `string=`/`help=` of `fields.<Type>(...)`."""
    terms = {}
    for path in sorted((ROOT / addon).rglob("*.py")):
        rel = path.relative_to(ROOT / addon)
        if rel.parts[0] in ("tests", "pure") or path.name == "__manifest__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            values = []
            if name in ("_", "_lt") and node.args:
                values.append(node.args[0])
            owner = getattr(func, "value", None)
            if isinstance(owner, ast.Name) and owner.id == "fields":
                values += [kw.value for kw in node.keywords if kw.arg in ("string", "help")]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    terms.setdefault(value.value, f"{rel}:{node.lineno}")
    return terms


@pytest.mark.parametrize("addon", ADDONS)
def test_template_has_the_python_terms(addon):
    """Cheap staleness guard: a `_()` message or field label changed in Python after the last
    export is not in the .pot yet (view/XML terms are not checked here)."""
    pot, _po = _files(addon)
    msgids = {msgid for _ctx, msgid in _live(pot)}
    absent = [
        f"{where}: {term!r}" for term, where in _python_terms(addon).items() if term not in msgids
    ]
    assert not absent, (
        f"{addon}/i18n/{addon}.pot is out of date, it lacks:\n{_listing(absent)}\n"
        f"{HOWTO.format(addon=addon)}"
    )
