"""The PostgreSQL port of a checkout's own cluster, and who holds a port that is taken.

Two checkouts on one machine must not share a port: each gets one derived from its path,
chosen once, kept in its cluster folder (`port`), and overridable by CRM_PG_PORT. A cluster
made before that keeps the port it runs on (its postmaster.opts), so it is never moved.
Plain Python, no Odoo: the test command imports it where Odoo is absent.
"""

import hashlib
import os
import re
import socket
import subprocess
from pathlib import Path

LEGACY_PORT = 54329  # the one fixed port of every checkout before ports were per checkout
FIRST, COUNT = 55000, 1000  # checkouts' ports are drawn from 55000-55999
PORT_FILE = "port"


def port_free(port, host="127.0.0.1"):
    """True when a server could listen on host:port now (PostgreSQL binds with SO_REUSEADDR)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def hashed_port(key, first=FIRST, count=COUNT, free=port_free):
    """The first free port from where `key` (a checkout's path) hashes to in the range."""
    start = int(hashlib.sha1(key).hexdigest(), 16) % count
    for step in range(count):
        port = first + (start + step) % count
        if free(port):
            return port
    raise RuntimeError(f"no free port in {first}-{first + count - 1}")


def existing_port(data_dir):
    """The port an existing cluster was last started on, or set to in its configuration."""
    data_dir = Path(data_dir)
    opts = data_dir / "postmaster.opts"
    if opts.exists():
        found = re.search(r'"-p" "(\d+)"', opts.read_text(errors="replace"))
        if found:
            return int(found.group(1))
    for conf in ("postgresql.auto.conf", "postgresql.conf"):
        path = data_dir / conf
        if path.exists():
            found = re.search(r"^\s*port\s*=\s*'?(\d+)", path.read_text(errors="replace"), re.M)
            if found:
                return int(found.group(1))
    return None


def cluster_port(pg_dir, data_dir, key, environ=os.environ):
    """CRM_PG_PORT, else the port kept in `pg_dir`, else an existing cluster's own port (the
    legacy fixed one when it shows none), else a free port hashed from `key`."""
    if environ.get("CRM_PG_PORT"):
        return int(environ["CRM_PG_PORT"])
    kept = Path(pg_dir) / PORT_FILE
    if kept.exists() and kept.read_text().strip().isdigit():
        return int(kept.read_text().strip())
    if (Path(data_dir) / "PG_VERSION").exists():
        return existing_port(data_dir) or LEGACY_PORT
    return hashed_port(key)


def remember_port(pg_dir, port):
    """Keep the port chosen for a new cluster, so that it never changes for that checkout."""
    (Path(pg_dir) / PORT_FILE).write_text(f"{port}\n")


def _lock_owner(port):
    """(pid, data dir) of the PostgreSQL server whose socket lock names `port`, else None.

    Every server writes `.s.PGSQL.<port>.lock` beside its Unix socket (its pid, then its data
    directory); the sockets that exist are listed in /proc/net/unix.
    """
    dirs = {"/tmp", "/var/run/postgresql", "/run/postgresql"}
    try:
        for line in Path("/proc/net/unix").read_text().splitlines():
            path = line.split()[-1]
            if path.endswith(f"/.s.PGSQL.{port}"):
                dirs.add(os.path.dirname(path))
    except OSError:
        pass
    for folder in sorted(dirs):
        lock = Path(folder) / f".s.PGSQL.{port}.lock"
        try:
            lines = lock.read_text().splitlines()
        except OSError:
            continue
        if len(lines) >= 2:
            return lines[0].strip(), lines[1].strip()
    return None


def _debian_cluster(port):
    """'VERSION/NAME in DATA' of a Debian cluster (pg_lsclusters) set to `port`, else None."""
    try:
        out = subprocess.run(
            ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return None
    for line in out.splitlines():
        cols = line.split()
        if len(cols) >= 6 and cols[2] == str(port):
            return f"Debian's cluster {cols[0]}/{cols[1]} in {cols[5]} ({cols[3]})"
    return None


def port_owner(port):
    """Who holds `port` on loopback, in words; None when the port is free."""
    if port_free(port):
        return None
    owner = _lock_owner(port)
    if owner:
        return f"the PostgreSQL cluster in {owner[1]} (postmaster pid {owner[0]})"
    debian = _debian_cluster(port)
    if debian:
        return debian
    return "a program that is not a PostgreSQL cluster of this machine's sockets"


def taken_message(port, log):
    """Why our cluster did not start when its port is taken, and what to do."""
    owner = port_owner(port)
    if owner is None:
        return f"PostgreSQL did not start; see {log}"
    return (
        f"PostgreSQL did not start: port {port} on 127.0.0.1 is taken by {owner}. "
        f"Stop that one, or give this checkout another port: CRM_PG_PORT={hashed_port(b'x')} "
        f"./dev ... (see {log})"
    )
