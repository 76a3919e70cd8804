"""Project-local PostgreSQL cluster and Odoo command lines for `./dev` and `bench/`.

Everything here is plain Python (no Odoo import at module level) so that the test
command works on a machine where Odoo is absent.
"""

import glob
import hashlib
import importlib.util
import os
import pwd
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tools import pgport

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"


def _cluster_dir():
    """`.local/pg`, unless the server's `postgres` user cannot reach this checkout.

    As root the cluster runs as `postgres`; a checkout under a private folder (say
    /root) is out of its reach, and then the cluster lives in /var/tmp, one per checkout.
    """
    local = LOCAL / "pg"
    if os.geteuid() != 0 or not _has_user("postgres"):
        return local
    LOCAL.mkdir(exist_ok=True)
    reachable = (
        subprocess.run(
            ["runuser", "-u", "postgres", "--", "test", "-x", str(LOCAL)], check=False
        ).returncode
        == 0
    )
    if reachable:
        return local
    return Path("/var/tmp") / f"crm-1c-way-pg-{hashlib.sha1(bytes(ROOT)).hexdigest()[:10]}"


def _has_user(name):
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


PG_DIR = _cluster_dir()
PG_DATA = PG_DIR / "data"
PG_RUN = PG_DIR / "run"
PG_LOG = PG_DIR / "postgresql.log"
PG_HOST = "127.0.0.1"
# each checkout its own port (tools/pgport.py), kept once chosen; CRM_PG_PORT overrides it
PG_PORT = pgport.cluster_port(PG_DIR, PG_DATA, bytes(ROOT))
PG_USER = "odoo"
ODOO_DATA = LOCAL / "odoo-data"


def say(msg):
    print(f"[dev] {msg}", flush=True)


def addon_names():
    """The project's addons: every folder at the root with a manifest.

    CRM_ADDONS="a,b" narrows a run to some of them (for work in progress).
    """
    found = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
    wanted = os.environ.get("CRM_ADDONS")
    return [name for name in found if name in wanted.split(",")] if wanted else found


def odoo_importable():
    return importlib.util.find_spec("odoo") is not None and (
        importlib.util.find_spec("odoo.release") is not None
    )


def odoo_root():
    """Folder holding the `odoo` package (and Odoo's `addons/` beside it)."""
    import odoo  # noqa: PLC0415

    return Path(next(iter(odoo.__path__))).resolve().parent


def odoo_args(*extra):
    """Command line running Odoo on the project-local cluster."""
    paths = [str(ROOT)]
    community = odoo_root() / "addons"
    if community.is_dir():
        paths.insert(0, str(community))
    return [
        sys.executable,
        "-m",
        "odoo",
        "server",
        f"--addons-path={','.join(paths)}",
        f"--data-dir={ODOO_DATA}",
        f"--db_host={PG_HOST}",
        f"--db_port={PG_PORT}",
        f"--db_user={PG_USER}",
        *extra,
    ]


def odoo_server_args(*extra):
    """odoo_args started from tools/odoo_server.py: what Odoo's prefork server needs to spawn
    its gevent process (see there)."""
    args = odoo_args(*extra)
    args[1:3] = [str(ROOT / "tools" / "odoo_server.py")]
    return args


# --------------------------------------------------------------------------- PostgreSQL


def _pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _ensure_pg_installed():
    if _pg_bin("initdb") and _pg_bin("pg_ctl"):
        return
    if os.geteuid() != 0:
        sys.exit(
            "PostgreSQL server binaries are missing: install Debian's `postgresql` package "
            "(sudo apt-get install postgresql) and run this command again."
        )
    say("installing Debian's postgresql package")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)


def _as_cluster_owner(cmd):
    """Run a server command: as root, through the `postgres` system user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def cluster_running(data):
    """True when the cluster in `data` runs."""
    if not Path(data).exists():
        return False
    res = subprocess.run(
        _as_cluster_owner([_pg_bin("pg_ctl"), "-D", str(data), "status"]),
        capture_output=True,
        text=True,
        check=False,
    )
    return res.returncode == 0


def pg_running():
    return cluster_running(PG_DATA)


def owned_folder(path):
    """`path` made (with its parents) and, as root, handed to the `postgres` system user."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(path, pw.pw_uid, pw.pw_gid)
    return path


def cluster_init(data):
    """A new cluster in `data` (user `odoo`, trusted on loopback, replication allowed)."""
    owned_folder(data)
    subprocess.run(
        _as_cluster_owner(
            [
                _pg_bin("initdb"),
                "-D",
                str(data),
                "-U",
                PG_USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def cluster_start(data, port, run_dir, log, *settings):
    """Start the cluster in `data` on loopback:`port` (sockets in `run_dir`); exit code.

    Every cluster may serve a streaming replica (wal_level=replica, max_wal_senders).
    """
    owned_folder(run_dir)
    opts = " ".join(
        [
            f"-c listen_addresses={PG_HOST} -p {port} -k {run_dir} -c fsync=off",
            "-c wal_level=replica -c max_wal_senders=10",
            *(f"-c {setting}" for setting in settings),
        ]
    )
    return subprocess.run(
        _as_cluster_owner(
            [_pg_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts, "-w", "start"]
        ),
        check=False,
        stdout=subprocess.DEVNULL,
    ).returncode


def cluster_stop(data, mode="fast"):
    """Stop the cluster in `data` (when it runs); exit code of pg_ctl."""
    if not cluster_running(data):
        return 0
    return subprocess.run(
        _as_cluster_owner([_pg_bin("pg_ctl"), "-D", str(data), "-m", mode, "-w", "stop"]),
        check=False,
        stdout=subprocess.DEVNULL,
    ).returncode


def pg_start():
    """Start the project-local cluster on loopback, initialising it on first use."""
    _ensure_pg_installed()
    owned_folder(PG_DIR)
    if not (PG_DATA / "PG_VERSION").exists():
        say(f"initialising a PostgreSQL cluster in {PG_DATA}")
        cluster_init(PG_DATA)
        pgport.remember_port(PG_DIR, PG_PORT)
    if pg_running():
        return
    if not pgport.port_free(PG_PORT):
        sys.exit(pgport.taken_message(PG_PORT, PG_LOG))
    say(f"starting PostgreSQL on {PG_HOST}:{PG_PORT}")
    if cluster_start(PG_DATA, PG_PORT, PG_RUN, PG_LOG):
        sys.exit(pgport.taken_message(PG_PORT, PG_LOG))


def psql(sql, dbname="postgres", port=None):
    return subprocess.run(
        [
            _pg_bin("psql"),
            "-h",
            PG_HOST,
            "-p",
            str(port or PG_PORT),
            "-U",
            PG_USER,
            "-d",
            dbname,
            "-tAc",
            sql,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def db_exists(name):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def drop_db(name):
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(name)
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(ODOO_DATA / "filestore" / name, ignore_errors=True)


# --------------------------------------------------------------------------- browser libraries


def npm_folders():
    """Every addon's `static/lib/` that pins browser libraries with a package-lock.json."""
    return sorted(p.parent for p in ROOT.glob("*/static/lib/package-lock.json"))


def ensure_npm_assets():
    """`npm ci` in each such folder whose node_modules is missing or older than its lock.

    The libraries are installed from the npm registry, never committed; an addon whose
    library is missing says so on its own screen.
    """
    for folder in npm_folders():
        lock = folder / "package-lock.json"
        installed = folder / "node_modules" / ".package-lock.json"
        if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
            continue
        if not shutil.which("npm") and os.geteuid() == 0:
            say("installing Debian's npm (for the browser libraries)")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
            subprocess.run(["apt-get", "install", "-y", "-qq", "npm"], check=False, env=env)
        if not shutil.which("npm"):
            say(
                f"npm is missing: {folder.relative_to(ROOT)} has no browser libraries "
                "(sudo apt-get install npm, then run again)"
            )
            continue
        say(f"installing browser libraries of {folder.relative_to(ROOT)} (npm ci)")
        res = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder, check=False
        )
        if res.returncode:
            say(f"npm ci failed in {folder.relative_to(ROOT)} (exit {res.returncode})")
