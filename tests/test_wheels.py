"""tools/wheels.py: a wheel carries the addon's tracked files and its browser libraries."""

import json
import subprocess

import pytest

from tools import wheels


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def addon(tmp_path):
    """A checkout with one addon whose static/lib has an npm dependency installed."""
    repo = tmp_path / "repo"
    addon = repo / "crm_x"
    lib = addon / "static" / "lib"
    (lib / "node_modules" / "viewer-js" / "dist" / "assets").mkdir(parents=True)
    (addon / "__manifest__.py").write_text("{'name': 'X', 'version': '19.0.1.0.0'}\n")
    (lib / "package.json").write_text(json.dumps({"dependencies": {"viewer-js": "1.0.0"}}))
    (lib / "node_modules" / "viewer-js" / "dist" / "viewer.min.js").write_text("v()")
    (lib / "node_modules" / "viewer-js" / "dist" / "assets" / "viewer.css").write_text("a{}")
    (lib / "node_modules" / "viewer-js" / "LICENSE").write_text("MIT")
    (lib / "node_modules" / "viewer-js" / "lib" / "src.js").parent.mkdir()
    (lib / "node_modules" / "viewer-js" / "lib" / "src.js").write_text("source")
    (addon / "scratch.txt").write_text("not tracked")
    (repo / ".gitignore").write_text("node_modules/\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".gitignore", "crm_x/__manifest__.py", "crm_x/static/lib/package.json")
    return addon


def test_staging_adds_the_browser_library_to_the_tracked_files(addon, tmp_path):
    staged = wheels.stage(addon, tmp_path / "stage")
    files = sorted(str(p.relative_to(staged)) for p in staged.rglob("*") if p.is_file())
    assert files == [
        "__manifest__.py",
        "static/lib/node_modules/viewer-js/LICENSE",
        "static/lib/node_modules/viewer-js/dist/assets/viewer.css",
        "static/lib/node_modules/viewer-js/dist/viewer.min.js",
        "static/lib/package.json",
    ]  # no untracked scratch file, no library sources, no git


def test_a_missing_library_is_named_with_the_command_that_fetches_it(addon, tmp_path):
    dist = addon / "static" / "lib" / "node_modules" / "viewer-js" / "dist"
    for path in sorted(dist.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    dist.rmdir()
    with pytest.raises(wheels.StagingError, match="npm ci --prefix crm_x/static/lib"):
        wheels.stage(addon, tmp_path / "stage")
