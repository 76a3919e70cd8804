"""Regenerate an addon's translation template with Odoo and merge it into its .po files.

Usage (from the repository root; `./dev py` runs it with the Python that imports Odoo):

    ./dev py tools/i18n_export.py crm_interest            # one addon, Russian
    ./dev py tools/i18n_export.py crm_interest other_addon  # several addons
    ./dev py tools/i18n_export.py crm_interest --lang ru --lang de

For each addon it:

1. starts the project-local PostgreSQL (tools/devlib.py) and installs the addon WITH its demo
   data (the records users load with the demo are translated too), in a throwaway database
   (`i18n_export_<pid>`, dropped at the end whatever happens);
2. exports the template with Odoo's own exporter (`odoo i18n export`, i.e.
   `odoo.tools.translate.trans_export`) to `<addon>/i18n/<addon>.pot`;
3. merges the template into `<addon>/i18n/<lang>.po` (default: `ru.po`): entries follow the
   template's order and references, existing translations are kept by exact msgid (and msgctxt),
   new entries get an empty msgstr, no fuzzy guess is ever made, and translations whose msgid
   left the template are kept at the end as obsolete (`#~`) entries for reuse;
4. lists the entries still untranslated.

It exits with status 1 when an entry is left untranslated (the files are written anyway):
translate those msgids in the .po file, then check with

    python3 -m pytest -q -p no:cacheprovider tests/test_i18n.py

Merging uses polib when importable, else GNU `msgmerge --no-fuzzy-matching`.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools import devlib

ROOT = devlib.ROOT

# Header values for new .po files, as in Odoo's own translations.
PLURAL_FORMS = {
    "ru": (
        "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
        "(n%100>=11 && n%100<=14)? 2 : 3);"
    ),
}
LANGUAGE_TEAMS = {"ru": "Russian"}


def say(msg):
    print(f"[i18n] {msg}", flush=True)


def _odoo_config(path):
    """An Odoo config file for the project-local cluster (the i18n CLI reads only files)."""
    addons = [str(ROOT)]
    community = devlib.odoo_root() / "addons"
    if community.is_dir():
        addons.insert(0, str(community))
    path.write_text(
        "[options]\n"
        f"addons_path = {','.join(addons)}\n"
        f"data_dir = {devlib.ODOO_DATA}\n"
        f"db_host = {devlib.PG_HOST}\n"
        f"db_port = {devlib.PG_PORT}\n"
        f"db_user = {devlib.PG_USER}\n",
        encoding="utf-8",
    )


def _run(cmd, log):
    """Run an Odoo command, its output to `log`; fail loudly with the log's tail."""
    with log.open("a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(cmd)}\n")
        out.flush()
        res = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, check=False, cwd=ROOT)
    text = log.read_text(encoding="utf-8", errors="replace")
    errors = [line for line in text.splitlines() if re.search(r" (ERROR|CRITICAL) ", line)]
    if res.returncode or errors:
        tail = "\n".join(text.splitlines()[-40:])
        sys.exit(f"command failed ({res.returncode}): {' '.join(cmd)}\n{tail}\nfull log: {log}")


def export_pots(addons, workdir):
    """Install `addons` in a throwaway database and export each one's .pot with Odoo."""
    devlib.pg_start()
    db = f"i18n_export_{os.getpid()}"
    conf = workdir / "odoo.conf"
    log = workdir / "odoo.log"
    _odoo_config(conf)
    devlib.drop_db(db)
    try:
        say(f"installing {', '.join(addons)} in the throwaway database {db}")
        _run(
            [
                *devlib.odoo_args(
                    "-d", db, "-i", ",".join(addons), "--with-demo", "--stop-after-init"
                ),
                "--no-http",
                "--log-level=warn",
            ],
            log,
        )
        for addon in addons:
            say(f"exporting {addon}/i18n/{addon}.pot")
            _run(
                [sys.executable, "-m", "odoo", "i18n", "export", "-c", str(conf), "-d", db, addon],
                log,
            )
    finally:
        devlib.drop_db(db)


# --------------------------------------------------------------------------- merge


def _header(po, lang, pot):
    meta = dict(po.metadata)
    meta.update(
        {
            "Project-Id-Version": pot.metadata.get("Project-Id-Version", "Odoo Server"),
            "POT-Creation-Date": pot.metadata.get("POT-Creation-Date", ""),
            "Language": lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
        }
    )
    meta.setdefault("Report-Msgid-Bugs-To", "")
    if not meta.get("PO-Revision-Date"):
        meta["PO-Revision-Date"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
    meta.setdefault("Last-Translator", "")
    if not meta.get("Language-Team"):
        meta["Language-Team"] = LANGUAGE_TEAMS.get(lang, "")
    if not meta.get("Plural-Forms") and lang in PLURAL_FORMS:
        meta["Plural-Forms"] = PLURAL_FORMS[lang]
    order = [
        "Project-Id-Version",
        "Report-Msgid-Bugs-To",
        "POT-Creation-Date",
        "PO-Revision-Date",
        "Last-Translator",
        "Language-Team",
        "Language",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Plural-Forms",
    ]
    return {key: meta[key] for key in order if key in meta} | {
        key: value for key, value in meta.items() if key not in order
    }


def merge_polib(pot_path, po_path, lang):
    import polib  # noqa: PLC0415

    pot = polib.pofile(str(pot_path), wrapwidth=78)
    old = polib.pofile(str(po_path), wrapwidth=78) if po_path.exists() else polib.POFile()
    known = {}
    for entry in old:
        if entry.msgstr and "fuzzy" not in entry.flags:
            known[(entry.msgctxt, entry.msgid)] = entry
    for entry in old.obsolete_entries():
        if entry.msgstr and "fuzzy" not in entry.flags:
            known.setdefault((entry.msgctxt, entry.msgid), entry)

    new = polib.POFile(wrapwidth=78)
    new.header = old.header or pot.header
    new.metadata = _header(old, lang, pot)
    used = set()
    for tpl in pot:
        entry = polib.POEntry(
            msgid=tpl.msgid,
            msgctxt=tpl.msgctxt,
            msgstr="",
            occurrences=tpl.occurrences,
            comment=tpl.comment,
            flags=[flag for flag in tpl.flags if flag != "fuzzy"],
        )
        previous = known.get((tpl.msgctxt, tpl.msgid))
        if previous is not None:
            entry.msgstr = previous.msgstr
            entry.tcomment = previous.tcomment
            used.add((tpl.msgctxt, tpl.msgid))
        new.append(entry)
    for key, previous in known.items():
        if key not in used:
            new.append(
                polib.POEntry(
                    msgid=previous.msgid,
                    msgctxt=previous.msgctxt,
                    msgstr=previous.msgstr,
                    obsolete=True,
                )
            )
    new.save(str(po_path))
    untranslated = [entry.msgid for entry in new if not entry.obsolete and not entry.msgstr]
    return untranslated, len(known) - len(used), len(pot)


def merge_msgmerge(pot_path, po_path, lang):
    if not po_path.exists():
        shutil.copyfile(pot_path, po_path)
        text = po_path.read_text(encoding="utf-8")
        header = f'"Language: {lang}\\n"\n'
        if lang in PLURAL_FORMS:
            header += f'"Plural-Forms: {PLURAL_FORMS[lang]}\\n"\n'
        text = text.replace('"Plural-Forms: \\n"\n', header, 1)
        po_path.write_text(text, encoding="utf-8")
    subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--no-fuzzy-matching",
            "--update",
            "--backup=none",
            str(po_path),
            str(pot_path),
        ],
        check=True,
    )
    res = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    untranslated = [msgid for msgid in _msgids(res.stdout) if msgid]
    res = subprocess.run(
        ["msgattrib", "--only-obsolete", str(po_path)], capture_output=True, text=True, check=True
    )
    obsolete = res.stdout.count("\n#~ msgid ") + res.stdout.startswith("#~ msgid ")
    total = len([msgid for msgid in _msgids(pot_path.read_text(encoding="utf-8")) if msgid])
    return untranslated, obsolete, total


def _msgids(text):
    """The msgids of a .po text (multi-line strings joined, escapes decoded)."""
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    found = []
    for block in re.findall(r'^msgid ("(?:[^"\\]|\\.)*"(?:\n"(?:[^"\\]|\\.)*")*)', text, re.M):
        parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
        joined = "".join(parts)
        found.append(re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), joined))
    return found


def merge(pot_path, po_path, lang):
    try:
        import polib  # noqa: F401, PLC0415
    except ImportError:
        if not shutil.which("msgmerge"):
            sys.exit("merging needs polib (pip install polib) or GNU gettext's msgmerge")
        return merge_msgmerge(pot_path, po_path, lang)
    return merge_polib(pot_path, po_path, lang)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        epilog="See the module docstring (tools/i18n_export.py) for details.",
    )
    parser.add_argument("addons", nargs="+", metavar="ADDON", help="addon folder names")
    parser.add_argument(
        "-l",
        "--lang",
        action="append",
        dest="langs",
        metavar="LANG",
        help="language of the .po file to merge into (repeatable; default: ru)",
    )
    parser.add_argument(
        "--no-export",
        action="store_true",
        help="do not run Odoo: only merge the existing .pot into the .po files",
    )
    args = parser.parse_args(argv)
    langs = args.langs or ["ru"]
    known = devlib.addon_names()
    unknown = [addon for addon in args.addons if addon not in known]
    if unknown:
        parser.error(f"not an addon of this repository: {', '.join(unknown)} (have: {known})")

    if not args.no_export:
        if not devlib.odoo_importable():
            sys.exit(
                "Odoo is not importable by this Python: run it as ./dev py tools/i18n_export.py"
            )
        with tempfile.TemporaryDirectory(prefix="i18n_export_") as tmp:
            export_pots(args.addons, Path(tmp))

    missing = 0
    for addon in args.addons:
        pot_path = ROOT / addon / "i18n" / f"{addon}.pot"
        if not pot_path.exists():
            sys.exit(f"{pot_path} does not exist: run without --no-export")
        for lang in langs:
            po_path = ROOT / addon / "i18n" / f"{lang}.po"
            untranslated, obsolete, total = merge(pot_path, po_path, lang)
            rel = po_path.relative_to(ROOT)
            say(
                f"{rel}: {total} entries, {total - len(untranslated)} translated, "
                f"{len(untranslated)} untranslated, {obsolete} obsolete kept as #~"
            )
            for msgid in untranslated:
                print(f"    untranslated: {msgid!r}")
            missing += len(untranslated)
    if missing:
        say(f"{missing} untranslated entries: translate them, then run tests/test_i18n.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
