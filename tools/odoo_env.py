"""The project's own Odoo 19.0 Community environment, built once per machine (see README.md).

`./dev` asks `find_python()` for a Python that imports Odoo 19.0: the one running it when it
already does, else the environment kept under the user's cache folder
(`$XDG_CACHE_HOME/crm-1c-way/odoo-19.0-py3.X`, shared by every clone on the machine), which
`build()` makes from `ODOO_SOURCE` or Odoo's official source.

The build is a list of steps. Each writes a stamp (`steps/<name>.json`) holding the digest of
its inputs when it has finished; a step whose stamp matches is skipped, so a second run does
nothing it already did and an interrupted one goes on where it stopped. Any step that has to
run first removes `ready.json`, which is written last, after Odoo was imported from the new
environment: an environment without it is never used.

Plain Python (no Odoo import): `tests/test_odoo_env.py` runs it without Odoo.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

SERIES = "19.0"
OFFICIAL_SOURCE = f"https://github.com/odoo/odoo/archive/refs/heads/{SERIES}.tar.gz"
ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = Path(__file__).resolve().parent / "odoo-overrides.txt"
_PROJECT_REQUIREMENTS = ("requirements.txt", "test-requirements.txt")
# Debian packages: headers the requirements build against, the PDF renderer, the browser of
# the tours and the database server.
APT_PACKAGES = (
    "build-essential",
    "libpq-dev",
    "libldap2-dev",
    "libsasl2-dev",
    "wkhtmltopdf",
    "chromium",
    "postgresql",
)
# With Debian's own python3 a virtual environment and the C headers are packages too.
APT_FOR_SYSTEM_PYTHON = ("python3-venv", "python3-dev")


class EnvError(Exception):
    """The environment cannot be built here; the message says why and what to do."""


def say(msg):
    print(f"[dev] {msg}", flush=True)


def home(python_version=None):
    """The environment's folder: keyed by the Odoo series and the Python minor version."""
    major, minor = python_version or sys.version_info[:2]
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "crm-1c-way" / f"odoo-{SERIES}-py{major}.{minor}"


def digest(*parts):
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part if isinstance(part, bytes) else str(part).encode())
        sha.update(b"\0")
    return sha.hexdigest()[:16]


# --------------------------------------------------------------------------- the source


def parse_source(spec):
    """What ODOO_SOURCE names: ("folder", path) | ("archive", path-or-url) | ("git", url, ref).

    - a folder holding Odoo's source (`odoo/release.py` in it or one level down);
    - a `.tar.gz`/`.tgz`/`.tar`/`.zip` file or http(s) URL;
    - a git repository: `git+<url>`, a URL or path ending in `.git`, or a folder that is a git
      repository, each with an optional `#ref` (branch, tag or commit; default: 19.0 for a
      remote, HEAD for a local repository).
    """
    spec = spec.strip()
    if not spec:
        raise EnvError("ODOO_SOURCE is empty")
    base, _, ref = spec.partition("#")
    if base.startswith("git+"):
        return ("git", base[4:], ref or SERIES)
    if re.search(r"\.(tar\.gz|tgz|tar|zip)$", base, re.I):
        if "://" not in base and not Path(base).is_file():
            raise EnvError(f"ODOO_SOURCE: no such archive {base}")
        return ("archive", base if "://" in base else str(Path(base).resolve()))
    if base.endswith(".git") or (Path(base).is_dir() and _is_git_repo(Path(base)) and ref):
        return ("git", base, ref or (SERIES if "://" in base else "HEAD"))
    if "://" in base:
        raise EnvError(
            f"ODOO_SOURCE: {spec} is neither an archive (.tar.gz, .zip) nor a git URL "
            "(git+URL or URL ending in .git, optionally #ref)"
        )
    if Path(base).is_dir():
        return ("folder", str(Path(base).resolve()))
    raise EnvError(f"ODOO_SOURCE: {spec} is no folder, archive or git repository")


def _is_git_repo(path):
    return (path / ".git").exists() or ((path / "HEAD").is_file() and (path / "objects").is_dir())


def find_odoo_root(folder):
    """The folder holding `odoo/release.py` (the source itself or its single top folder)."""
    folder = Path(folder)
    candidates = [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]
    for candidate in candidates:
        if (candidate / "odoo" / "release.py").is_file():
            return candidate
    raise EnvError(f"no Odoo source in {folder}: odoo/release.py not found")


def check_series(odoo_root):
    """Refuse anything but Odoo 19.0 Community."""
    text = (Path(odoo_root) / "odoo" / "release.py").read_text(errors="replace")
    match = re.search(r"^version_info\s*=\s*\((\d+),\s*(\d+),[^)]*?'([a-z]*)'\)", text, re.M)
    if not match:
        raise EnvError(f"{odoo_root}: cannot read version_info in odoo/release.py")
    major, minor, edition = match.groups()
    if f"{major}.{minor}" != SERIES:
        raise EnvError(f"{odoo_root} is Odoo {major}.{minor}; this project needs Odoo {SERIES}")
    if edition == "e":
        raise EnvError(f"{odoo_root} is Odoo Enterprise; this project needs Odoo Community")
    return f"{major}.{minor}"


def _download(url, target):
    """Fetch `url` to `target` (through a .part file, so a broken transfer leaves nothing)."""
    part = target.with_name(target.name + ".part")
    say(f"downloading {url}")
    try:
        with urllib.request.urlopen(url, timeout=60) as answer, part.open("wb") as out:
            size = int(answer.headers.get("Content-Length") or 0)
            done, shown = 0, 0
            while chunk := answer.read(1 << 20):
                out.write(chunk)
                done += len(chunk)
                if done - shown >= 20 << 20:
                    shown = done
                    total = f" of {size >> 20} MiB" if size else ""
                    say(f"  {done >> 20} MiB{total}")
    except (urllib.error.URLError, OSError) as exc:
        part.unlink(missing_ok=True)
        raise EnvError(f"cannot download {url}: {exc}") from exc
    part.rename(target)


def _extract(archive, into):
    say(f"unpacking {archive.name}")
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(into)
    else:
        with tarfile.open(archive) as tarred:
            tarred.extractall(into, filter="data")


def fetch_source(source, folder):
    """Put the source `parse_source()` named into `folder` (made new) and return its root.

    A folder source is used where it is; the others are unpacked or cloned into
    `folder.partial` first and renamed when complete.
    """
    kind = source[0]
    if kind == "folder":
        root = find_odoo_root(source[1])
        check_series(root)
        return root
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    partial.mkdir(parents=True)
    if kind == "archive":
        location = source[1]
        if "://" in location:
            archive = folder.parent / "downloads" / f"odoo-{digest(location)}{_suffix(location)}"
            archive.parent.mkdir(exist_ok=True)
            if not archive.exists():
                _download(location, archive)
        else:
            archive = Path(location)
        try:
            _extract(archive, partial)
        except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as exc:
            if "://" in location:
                archive.unlink(missing_ok=True)  # a broken download is fetched again next time
            raise EnvError(f"cannot unpack {archive}: {exc}") from exc
    else:
        _, url, ref = source
        say(f"fetching {ref} of {url} with git")
        for cmd in (
            ["git", "init", "-q", str(partial)],
            ["git", "-C", str(partial), "fetch", "-q", "--depth", "1", url, ref],
            ["git", "-C", str(partial), "checkout", "-q", "FETCH_HEAD"],
        ):
            res = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if res.returncode:
                raise EnvError(f"git could not fetch {ref} of {url}: {res.stderr.strip()}")
        shutil.rmtree(partial / ".git")
    root = find_odoo_root(partial)
    check_series(root)
    partial.rename(folder)
    return folder / root.relative_to(partial)


def _suffix(location):
    match = re.search(r"(\.tar\.gz|\.tgz|\.tar|\.zip)$", location.split("?")[0], re.I)
    return match.group(1) if match else ".tar.gz"


def source_reachable(url=OFFICIAL_SOURCE, timeout=10):
    """None when the official source answers, else why not (one line)."""
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=timeout):
            return None
    except (urllib.error.URLError, OSError) as exc:
        return f"{url} cannot be reached ({getattr(exc, 'reason', exc)})"


# --------------------------------------------------------------------------- requirements


def read_overrides(path=OVERRIDES):
    """{normalised package name: requirement line} from the visible overrides file."""
    overrides = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            overrides[_package(line)] = line
    return overrides


def _package(requirement):
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def odoo_requirements(text, overrides):
    """Odoo's requirements.txt with each overridden package's lines replaced by the override."""
    lines, replaced = [], set()
    for line in text.splitlines():
        bare = line.split("#", 1)[0].strip()
        name = _package(bare) if bare else None
        if name in overrides:
            if name not in replaced:
                lines.append(f"{overrides[name]}  # tools/odoo-overrides.txt")
                replaced.add(name)
            continue
        lines.append(line)
    lines += [line for name, line in overrides.items() if name not in replaced]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- Debian packages


def missing_apt_packages(python=sys.executable):
    wanted = list(APT_PACKAGES)
    if str(python).startswith("/usr/bin/"):
        wanted += APT_FOR_SYSTEM_PYTHON
    if not shutil.which("dpkg-query"):
        return []  # not a Debian system: the packages are the user's business
    missing = []
    for name in wanted:
        res = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True, check=False
        )
        if "install ok installed" not in res.stdout:
            missing.append(name)
    return missing


def apt_line(packages):
    return "sudo apt-get update && sudo apt-get install -y " + " ".join(packages)


def ensure_apt_packages():
    missing = missing_apt_packages()
    if not missing:
        return
    if os.geteuid() != 0:
        raise EnvError(
            "Debian packages Odoo needs are missing: "
            + ", ".join(missing)
            + ". Install them and run this command again:\n    "
            + apt_line(missing)
        )
    say(f"installing Debian packages: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
    ):
        res = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
        if res.returncode:
            raise EnvError(f"{' '.join(cmd)} failed (exit {res.returncode}):\n{res.stderr[-2000:]}")


# --------------------------------------------------------------------------- steps


class Steps:
    """Steps of a build, each skipped when its stamp holds the digest of its current inputs."""

    def __init__(self, folder, total):
        self.folder = Path(folder)
        self.stamps = self.folder / "steps"
        self.ready = self.folder / "ready.json"
        self.total = total
        self.count = 0

    def stamp(self, name):
        path = self.stamps / f"{name}.json"
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            return None

    def check(self, name, func):
        """A step that is cheap to check and always runs (it does nothing when all is there)."""
        self.count += 1
        say(f"[{self.count}/{self.total}] {name}")
        func()

    def run(self, name, inputs, func):
        """Run `func()` unless step `name` already finished with these inputs.

        Returns what the step recorded (func's return value, a JSON-able dict or None).
        """
        self.count += 1
        done = self.stamp(name)
        if done and done.get("inputs") == inputs:
            say(f"[{self.count}/{self.total}] {name}: done already")
            return done.get("result")
        say(f"[{self.count}/{self.total}] {name}")
        self.ready.unlink(missing_ok=True)
        (self.stamps / f"{name}.json").unlink(missing_ok=True)
        result = func()
        self.stamps.mkdir(parents=True, exist_ok=True)
        tmp = self.stamps / f"{name}.json.tmp"
        tmp.write_text(json.dumps({"inputs": inputs, "result": result}))
        tmp.rename(self.stamps / f"{name}.json")
        return result

    def mark_ready(self, info):
        tmp = self.ready.with_suffix(".tmp")
        tmp.write_text(json.dumps(info, indent=2))
        tmp.rename(self.ready)


@contextlib.contextmanager
def locked(folder):
    """One build at a time per environment (two clones building at once wait for each other)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"another build of {folder} is under way: waiting for it")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def read_ready(folder=None):
    """The ready environment's record, or None (no environment, or a half-built one)."""
    folder = folder or home()
    try:
        info = json.loads((folder / "ready.json").read_text())
    except (OSError, ValueError):
        return None
    return info if Path(info.get("python", "")).exists() else None


def project_requirements_digest():
    return digest(*((ROOT / name).read_bytes() for name in _PROJECT_REQUIREMENTS))


def _pip(python, *args):
    cmd = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args]
    res = subprocess.run(cmd, check=False)
    if res.returncode:
        raise EnvError(f"pip failed (exit {res.returncode}): {' '.join(cmd)}")


def source_spec(folder=None):
    """The source to build from: ODOO_SOURCE, else the one a started build used, else Odoo's."""
    spec = os.environ.get("ODOO_SOURCE")
    if spec:
        return spec
    done = Steps(folder or home(), total=0).stamp("Odoo source")
    return (done or {}).get("result", {}).get("spec") or OFFICIAL_SOURCE


def build(spec=None, folder=None):
    """Build (or finish building) the environment; return its record (see read_ready)."""
    folder = folder or home()
    spec = spec or source_spec(folder)
    source = parse_source(spec)
    steps = Steps(folder, total=7)
    with locked(folder):
        steps.check("Debian packages", ensure_apt_packages)
        root = steps.run(
            "Odoo source",
            digest(*source),
            lambda: {"root": str(fetch_source(source, folder / "src")), "spec": spec},
        )["root"]
        venv = folder / "venv"
        python = venv / "bin" / "python"

        def make_venv():
            shutil.rmtree(venv, ignore_errors=True)
            say(f"creating the virtual environment {venv} with {sys.executable}")
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            # Odoo's pinned sdists build with the setuptools of their time, without isolation
            _pip(python, "setuptools<70", "wheel")

        steps.run("virtual environment", digest(sys.version, root), make_venv)

        def install_odoo_requirements():
            text = odoo_requirements(
                (Path(root) / "requirements.txt").read_text(), read_overrides()
            )
            target = folder / "odoo-requirements.txt"
            target.write_text(text)
            say(
                f"installing Odoo's requirements, a few minutes (overrides: "
                f"{OVERRIDES.relative_to(ROOT)})"
            )
            _pip(python, "--no-build-isolation", "-r", str(target))

        odoo_reqs = digest(
            root, (Path(root) / "requirements.txt").read_bytes(), OVERRIDES.read_bytes()
        )
        steps.run("Odoo requirements", odoo_reqs, install_odoo_requirements)

        def link_odoo():
            purelib = subprocess.run(
                [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            (Path(purelib) / "odoo-source.pth").write_text(f"{root}\n")

        steps.run("Odoo on the path", digest(root, str(python)), link_odoo)
        install_project_requirements(steps, python)

        def verify():
            res = subprocess.run(
                [
                    str(python),
                    "-c",
                    "import odoo.release, psycopg2, lxml, ldap, pytest; "
                    "print(odoo.release.version)",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if res.returncode:
                raise EnvError(f"the new environment cannot import Odoo:\n{res.stderr[-2000:]}")
            return res.stdout.strip()

        version = steps.run("check", digest(root, odoo_reqs, str(python)), verify)
        info = {
            "python": str(python),
            "odoo_root": root,
            "odoo_version": version,
            "source": spec,
            "built_with": sys.executable,
        }
        steps.mark_ready(info)
        say(f"Odoo {version} environment ready: {folder}")
        return info


def ready_environment(folder=None):
    """The ready environment's record, its project requirements in step with this checkout."""
    folder = folder or home()
    info = read_ready(folder)
    done = Steps(folder, total=0).stamp("project requirements") or {}
    if info and done.get("inputs") != project_requirements_digest():
        say("this checkout's requirements differ from the environment's: installing them")
        steps = Steps(folder, total=1)
        with locked(folder):
            install_project_requirements(steps, info["python"])
            steps.mark_ready(info)
    return info


def install_project_requirements(steps, python):
    steps.run(
        "project requirements",
        project_requirements_digest(),
        lambda: _pip(python, *(f"-r{ROOT / name}" for name in _PROJECT_REQUIREMENTS)),
    )
