"""Build installable wheels of every addon, browser libraries included.

Usage (from the repository root): `./dev wheels [FOLDER]` (default `.local/wheels`).

whool, the build backend of the addons (`<addon>/pyproject.toml`), packs the files git
tracks. The browser libraries an addon loads from `static/lib/node_modules` (bpmn-js for
crm_routemap) come from the npm registry and are never committed, so a wheel built from the
checkout would lack them. Here each addon is first staged outside git: its tracked files plus,
for every dependency named in its `static/lib/package.json`, that package's `dist/` folder and
licence files (what the browser loads, nothing else of node_modules). The staged copy is then
built with pip (whool from the package index), at the manifest's version.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENCES = ("LICENSE", "LICENSE.md", "LICENCE", "COPYING", "NOTICE")


class StagingError(Exception):
    """An addon cannot be staged (a browser library is missing: run npm ci)."""


def tracked_files(addon_dir):
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=addon_dir, capture_output=True, text=True, check=True
    ).stdout
    return [name for name in out.split("\0") if name]


def browser_files(addon_dir):
    """Relative paths of what the browser loads from each npm dependency's dist/ (and the
    package's licence), for every `static/lib/package.json` of the addon."""
    files = []
    for manifest in sorted(Path(addon_dir).glob("static/**/package.json")):
        if "node_modules" in manifest.parts:
            continue
        lib = manifest.parent
        for package in json.loads(manifest.read_text()).get("dependencies", {}):
            root = lib / "node_modules" / package
            dist = root / "dist"
            if not dist.is_dir():
                raise StagingError(
                    f"{root.relative_to(addon_dir)}/dist is missing: run "
                    f"`npm ci --prefix {lib.relative_to(Path(addon_dir).parent)}` first"
                )
            found = [p for p in dist.rglob("*") if p.is_file()]
            found += [root / name for name in LICENCES if (root / name).is_file()]
            files += [str(p.relative_to(addon_dir)) for p in found]
    return sorted(files)


def stage(addon_dir, dest):
    """Copy the addon's tracked files and its browser libraries to `dest/<addon>`."""
    addon_dir = Path(addon_dir)
    target = Path(dest) / addon_dir.name
    for rel in tracked_files(addon_dir) + browser_files(addon_dir):
        source = addon_dir / rel
        if not source.is_file():  # deleted but not yet committed
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / rel)
    return target


def build(addons, out):
    """Stage and build each addon's wheel into `out`; return the wheel paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, WHOOL_POST_VERSION_STRATEGY_OVERRIDE="none")
    start = time.time() - 1
    with tempfile.TemporaryDirectory(prefix="crm-wheels-") as tmp:
        for addon in addons:
            staged = stage(ROOT / addon, tmp)
            subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), staged],
                check=True,
                env=env,
            )
    return sorted(p for p in out.glob("*.whl") if p.stat().st_mtime >= start)
