"""How `./dev` finds and builds its Odoo environment (tools/odoo_env.py), without Odoo.

The sources here are small folders shaped like Odoo's (an `odoo/release.py` and a
requirements.txt), served over loopback HTTP the way the official download is.
"""

import functools
import http.server
import json
import subprocess
import tarfile
import threading
import zipfile

import pytest

from tools import odoo_env
from tools.odoo_env import EnvError, Steps

RELEASE = "version_info = ({major}, {minor}, 0, FINAL, 0, '{edition}')\n"


def make_source(folder, version=(19, 0), edition=""):
    """A folder shaped like an Odoo source tree."""
    (folder / "odoo").mkdir(parents=True)
    (folder / "odoo" / "release.py").write_text(
        "FINAL = 'final'\n" + RELEASE.format(major=version[0], minor=version[1], edition=edition)
    )
    (folder / "requirements.txt").write_text("cbor2==5.4.2 ; python_version < '3.12'\n")
    return folder


def make_tarball(tmp_path, name="odoo-19.0.tar.gz", **kwargs):
    tree = make_source(tmp_path / "tree" / name.split(".tar")[0], **kwargs)
    archive = tmp_path / "served" / name
    archive.parent.mkdir(exist_ok=True)
    with tarfile.open(archive, "w:gz") as tarred:
        tarred.add(tree, arcname=tree.name)
    return archive


@pytest.fixture
def served(tmp_path):
    """An HTTP server on 127.0.0.1 serving tmp_path/served; yields its base URL."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --------------------------------------------------------------------------- ODOO_SOURCE


def test_parse_source_kinds(tmp_path):
    folder = make_source(tmp_path / "odoo")
    archive = tmp_path / "odoo.zip"
    archive.write_bytes(b"")
    assert odoo_env.parse_source(str(folder)) == ("folder", str(folder))
    assert odoo_env.parse_source(str(archive)) == ("archive", str(archive))
    url = "http://127.0.0.1:1/odoo_19.0.latest.tar.gz"
    assert odoo_env.parse_source(url) == ("archive", url)
    assert odoo_env.parse_source("git+https://example.invalid/odoo#abc123") == (
        "git",
        "https://example.invalid/odoo",
        "abc123",
    )
    assert odoo_env.parse_source("https://example.invalid/odoo.git") == (
        "git",
        "https://example.invalid/odoo.git",
        "19.0",
    )
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    assert odoo_env.parse_source(f"{folder}#v19") == ("git", str(folder), "v19")
    # a git folder without a ref is used as the folder it is
    assert odoo_env.parse_source(str(folder)) == ("folder", str(folder))


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("", "empty"),
        ("/nowhere/odoo.tar.gz", "no such archive"),
        ("/nowhere/odoo", "no folder, archive or git repository"),
        ("https://127.0.0.1/odoo/19.0", "neither an archive"),
    ],
)
def test_parse_source_refuses(spec, says):
    with pytest.raises(EnvError, match=says):
        odoo_env.parse_source(spec)


def test_archive_over_http_is_unpacked_and_checked(tmp_path, served):
    make_tarball(tmp_path)
    target = tmp_path / "env" / "src"
    target.parent.mkdir()
    root = odoo_env.fetch_source(("archive", f"{served}/odoo-19.0.tar.gz"), target)
    assert root == target / "odoo-19.0"
    assert (root / "odoo" / "release.py").is_file()
    assert not (tmp_path / "env" / "src.partial").exists()
    # the download is kept for a rebuild, without its .part
    downloads = sorted(p.name for p in (tmp_path / "env" / "downloads").iterdir())
    assert len(downloads) == 1 and downloads[0].endswith(".tar.gz")


def test_zip_and_local_git_sources(tmp_path):
    tree = make_source(tmp_path / "tree" / "odoo-src")
    archive = tmp_path / "odoo.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in tree.rglob("*"):
            zipped.write(path, path.relative_to(tree.parent))
    root = odoo_env.fetch_source(odoo_env.parse_source(str(archive)), tmp_path / "a" / "src")
    assert (root / "odoo" / "release.py").is_file()

    git = ["git", "-C", str(tree), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "19.0"], check=True)
    subprocess.run([*git, "tag", "v19"], check=True)
    (tree / "odoo" / "release.py").write_text(RELEASE.format(major=20, minor=0, edition=""))
    subprocess.run([*git, "commit", "-qam", "next series"], check=True)
    # the tag is taken, not the folder's newer commit
    root = odoo_env.fetch_source(odoo_env.parse_source(f"{tree}#v19"), tmp_path / "b" / "src")
    assert "(19, 0," in (root / "odoo" / "release.py").read_text()
    assert not (root / ".git").exists()


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [({"version": (18, 0)}, "is Odoo 18.0"), ({"edition": "e"}, "Enterprise")],
)
def test_wrong_series_or_edition_refused_and_nothing_left(tmp_path, served, kwargs, says):
    make_tarball(tmp_path, **kwargs)
    target = tmp_path / "env" / "src"
    target.parent.mkdir()
    with pytest.raises(EnvError, match=says):
        odoo_env.fetch_source(("archive", f"{served}/odoo-19.0.tar.gz"), target)
    assert not target.exists()


def test_unreachable_or_broken_download_leaves_no_partial_file(tmp_path, served):
    target = tmp_path / "env" / "src"
    target.parent.mkdir()
    with pytest.raises(EnvError, match="cannot download"):
        odoo_env.fetch_source(("archive", f"{served}/missing.tar.gz"), target)
    (tmp_path / "served" / "broken.tar.gz").write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(EnvError, match="cannot unpack"):
        odoo_env.fetch_source(("archive", f"{served}/broken.tar.gz"), target)
    assert not target.exists()
    assert list((tmp_path / "env" / "downloads").iterdir()) == []
    assert "cannot be reached" in odoo_env.source_reachable(f"{served}/missing.tar.gz")
    assert odoo_env.source_reachable(f"{served}/broken.tar.gz") is None


def test_interrupted_unpack_is_started_again(tmp_path, served):
    make_tarball(tmp_path)
    target = tmp_path / "env" / "src"
    (tmp_path / "env" / "src.partial" / "half").mkdir(parents=True)  # what a kill leaves
    root = odoo_env.fetch_source(("archive", f"{served}/odoo-19.0.tar.gz"), target)
    assert sorted(p.name for p in target.iterdir()) == ["odoo-19.0"]
    assert root.is_dir()


def test_source_spec_prefers_odoo_source_then_the_started_build(tmp_path, monkeypatch):
    monkeypatch.delenv("ODOO_SOURCE", raising=False)
    assert odoo_env.source_spec(tmp_path) == odoo_env.OFFICIAL_SOURCE
    Steps(tmp_path, 1).run("Odoo source", "x", lambda: {"root": "/r", "spec": "/some.tar.gz"})
    assert odoo_env.source_spec(tmp_path) == "/some.tar.gz"
    monkeypatch.setenv("ODOO_SOURCE", "/other")
    assert odoo_env.source_spec(tmp_path) == "/other"


# --------------------------------------------------------------------------- requirements


def test_overrides_replace_every_line_of_their_package(tmp_path):
    overrides_file = tmp_path / "overrides.txt"
    overrides_file.write_text("# why\ncbor2==5.6.5  # no wheel\nExtra_Pkg>=1\n")
    overrides = odoo_env.read_overrides(overrides_file)
    assert overrides == {"cbor2": "cbor2==5.6.5", "extra-pkg": "Extra_Pkg>=1"}
    text = odoo_env.odoo_requirements(
        "cbor2==5.4.2 ; python_version < '3.12'\n"
        "cbor2==5.6.2 ; python_version >= '3.12'\n"
        "lxml==4.9.3 ; python_version > '3.10'  # keep\n",
        overrides,
    )
    lines = text.splitlines()
    assert lines[0].startswith("cbor2==5.6.5")
    assert sum("cbor2" in line for line in lines) == 1
    assert "lxml==4.9.3 ; python_version > '3.10'  # keep" in lines
    assert lines[-1] == "Extra_Pkg>=1"


def test_the_project_overrides_file_names_a_reason_per_pin():
    for line in odoo_env.OVERRIDES.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "#" in line, f"override without its reason: {line}"


# --------------------------------------------------------------------------- steps and resume


def test_steps_skip_what_is_done_and_redo_what_changed(tmp_path):
    calls = []
    steps = Steps(tmp_path, 2)
    assert steps.run("a", "1", lambda: calls.append("a") or {"n": 1}) == {"n": 1}
    steps.run("b", "1", lambda: calls.append("b"))
    steps.mark_ready({"python": "x"})
    again = Steps(tmp_path, 2)
    assert again.run("a", "1", lambda: calls.append("a2")) == {"n": 1}
    assert (tmp_path / "ready.json").exists()
    again.run("b", "2", lambda: calls.append("b2"))  # its inputs changed
    assert calls == ["a", "b", "b2"]
    # a step that had to run took the ready mark away until the build marks it again
    assert not (tmp_path / "ready.json").exists()


def test_an_interrupted_step_is_run_again_and_never_looks_ready(tmp_path):
    python = tmp_path / "python"
    python.write_text("")
    steps = Steps(tmp_path, 2)
    steps.run("source", "s", lambda: "done")
    steps.mark_ready({"python": str(python)})
    assert odoo_env.read_ready(tmp_path)["python"] == str(python)

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Steps(tmp_path, 2).run("requirements", "r", interrupted)
    assert odoo_env.read_ready(tmp_path) is None
    assert Steps(tmp_path, 2).stamp("requirements") is None
    calls = []
    resumed = Steps(tmp_path, 2)
    resumed.run("source", "s", lambda: calls.append("source"))
    resumed.run("requirements", "r", lambda: calls.append("requirements"))
    assert calls == ["requirements"]


def test_ready_record_without_its_python_is_not_ready(tmp_path):
    (tmp_path / "ready.json").write_text(json.dumps({"python": str(tmp_path / "gone")}))
    assert odoo_env.read_ready(tmp_path) is None
    (tmp_path / "ready.json").write_text("{half")
    assert odoo_env.read_ready(tmp_path) is None


def test_environment_is_keyed_by_series_and_python(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert odoo_env.home((3, 12)) == tmp_path / "crm-1c-way" / "odoo-19.0-py3.12"


def test_apt_line_is_the_exact_command(monkeypatch):
    assert odoo_env.apt_line(["wkhtmltopdf", "chromium"]) == (
        "sudo apt-get update && sudo apt-get install -y wkhtmltopdf chromium"
    )
    monkeypatch.setattr(odoo_env, "missing_apt_packages", lambda: ["wkhtmltopdf"])
    monkeypatch.setattr(odoo_env.os, "geteuid", lambda: 1000)
    with pytest.raises(EnvError, match="sudo apt-get install -y wkhtmltopdf"):
        odoo_env.ensure_apt_packages()
