"""A PostgreSQL streaming replica of the project-local cluster, on loopback.

`./dev run --workers N` and bench/load.py start it; Odoo sends its read-only cursors there
(--db_replica_host/--db_replica_port) and falls back to the primary while it is down. Made
with Debian's `pg_basebackup -R` (it writes the standby's primary_conninfo and
standby.signal), in `.local/pg-replica` beside the cluster, on a port of its own kept there.
Plain Python (no Odoo): `start`, `stop`, `status`, `caught_up`.
"""

import os
import shutil
import subprocess
import time
from pathlib import Path

from tools import devlib, pgport

REPLICA_DIR = devlib.PG_DIR.with_name(devlib.PG_DIR.name + "-replica")


def _paths(folder):
    folder = Path(folder)
    return folder / "data", folder / "run", folder / "postgresql.log"


def replica_port(folder=REPLICA_DIR):
    """The replica's port: CRM_PG_REPLICA_PORT, else kept in its folder once chosen, else a
    free one hashed from it."""
    if os.environ.get("CRM_PG_REPLICA_PORT"):
        return int(os.environ["CRM_PG_REPLICA_PORT"])
    kept = Path(folder) / pgport.PORT_FILE
    if kept.exists():
        return int(kept.read_text().strip())
    return pgport.hashed_port(bytes(Path(folder).resolve()))


def ready_primary(primary_port):
    """Check the primary can feed a replica: wal_level, wal senders, a replication rule for
    127.0.0.1 in pg_hba (added and reloaded when missing). Raises with what is wrong."""
    psql = lambda sql: devlib.psql(sql, port=primary_port)  # noqa: E731
    if psql("SHOW wal_level") == "minimal" or int(psql("SHOW max_wal_senders")) < 1:
        raise RuntimeError(
            f"the PostgreSQL on port {primary_port} cannot feed a replica (wal_level=minimal "
            "or max_wal_senders=0): restart it with ./dev (it starts clusters with "
            "wal_level=replica)"
        )
    rules = psql(
        "SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database) "
        "AND (address = '127.0.0.1' OR type = 'local')"
    )
    if rules == "0":
        hba = Path(psql("SHOW hba_file"))
        with hba.open("a") as out:
            out.write("host    replication     all     127.0.0.1/32    trust\n")
        psql("SELECT pg_reload_conf()")


def start(primary_port=None, folder=REPLICA_DIR, port=None):
    """Start the replica (made from the primary on first use); return its port.

    An existing replica that cannot stream any more (its primary was made anew) is made
    again from scratch.
    """
    primary_port = primary_port or devlib.PG_PORT
    data, run_dir, log = _paths(folder)
    port = port or replica_port(folder)
    if devlib.cluster_running(data):
        return port
    primary_id = devlib.psql("SELECT system_identifier FROM pg_control_system()", port=primary_port)
    made_from = Path(folder) / "primary-id"
    if (data / "PG_VERSION").exists() and (
        not made_from.exists() or made_from.read_text().strip() != primary_id
    ):
        devlib.say(f"the replica in {data} is of another cluster: making it again")
        shutil.rmtree(data)
    if not (data / "PG_VERSION").exists():
        ready_primary(primary_port)
        devlib.say(f"making a streaming replica of port {primary_port} in {data} (pg_basebackup)")
        shutil.rmtree(data, ignore_errors=True)
        devlib.owned_folder(folder)
        subprocess.run(
            devlib._as_cluster_owner(
                [
                    devlib._pg_bin("pg_basebackup"),
                    "-h",
                    devlib.PG_HOST,
                    "-p",
                    str(primary_port),
                    "-U",
                    devlib.PG_USER,
                    "-D",
                    str(data),
                    "-R",
                    "-X",
                    "stream",
                    "-c",
                    "fast",
                ]
            ),
            check=True,
        )
        pgport.remember_port(folder, port)
        made_from.write_text(f"{primary_id}\n")
    if not pgport.port_free(port):
        raise RuntimeError(pgport.taken_message(port, log))
    devlib.say(f"starting the replica on {devlib.PG_HOST}:{port}")
    if devlib.cluster_start(data, port, run_dir, log, "hot_standby=on", "hot_standby_feedback=on"):
        raise RuntimeError(f"the replica did not start; see {log}")
    return port


def stop(folder=REPLICA_DIR, mode="fast"):
    """Stop the replica (its data stays, to start again and catch up)."""
    data, _run, _log = _paths(folder)
    if devlib.cluster_stop(data, mode):
        raise RuntimeError(f"the replica in {data} did not stop")


def status(folder=REPLICA_DIR):
    """{'running', 'port', 'streaming' (a WAL receiver is connected), 'replay_lsn'}."""
    data, _run, _log = _paths(folder)
    result = {"running": devlib.cluster_running(data), "port": replica_port(folder)}
    if result["running"]:
        port = result["port"]
        result["streaming"] = (
            devlib.psql(
                "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'", port=port
            )
            == "1"
        )
        result["replay_lsn"] = devlib.psql("SELECT pg_last_wal_replay_lsn()", port=port)
    return result


def caught_up(primary_port=None, folder=REPLICA_DIR, timeout=60):
    """Wait until the replica has replayed all the primary has written now; True when so."""
    primary_port = primary_port or devlib.PG_PORT
    port = replica_port(folder)
    target = devlib.psql("SELECT pg_current_wal_lsn()", port=primary_port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            lag = devlib.psql(
                f"SELECT pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn())", port=port
            )
            if lag and float(lag) <= 0:
                return True
        except subprocess.CalledProcessError:
            pass  # starting up
        time.sleep(0.2)
    return False


def odoo_options(workers, replica_port, http_port=8069, gevent_port=8072):
    """Odoo's options for `workers` prefork workers reading through the replica.

    One cron thread (a worker process of its own); a request killed past 120 s of wall time
    or 60 s of CPU; websockets (the bus) on the gevent port, which a proxy sends /websocket to.
    """
    return [
        f"--workers={workers}",
        "--max-cron-threads=1",
        f"--db_replica_host={devlib.PG_HOST}",
        f"--db_replica_port={replica_port}",
        f"--http-port={http_port}",
        f"--gevent-port={gevent_port}",
        "--limit-time-real=120",
        "--limit-time-cpu=60",
    ]
