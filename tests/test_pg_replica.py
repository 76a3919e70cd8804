"""A primary and its streaming replica (tools/replica.py) on loopback, in a throwaway folder:
what is written on the primary is read on the replica, the replica refuses writes, and a
port taken by a cluster is named with that cluster's data folder."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tools import devlib, pgport, replica

pytestmark = pytest.mark.skipif(
    not (devlib._pg_bin("initdb") and devlib._pg_bin("pg_basebackup")),
    reason="PostgreSQL server binaries (initdb, pg_basebackup) are not installed",
)


@pytest.fixture
def primary():
    """(folder, port) of a new cluster running in a folder the `postgres` user can reach."""
    folder = Path(tempfile.mkdtemp(prefix="crm-replica-test-", dir="/tmp"))
    folder.chmod(0o755)
    data = folder / "primary" / "data"
    try:
        devlib.owned_folder(folder / "primary")
        devlib.cluster_init(data)
        port = pgport.hashed_port(bytes(folder))
        log = folder / "primary" / "log"
        assert devlib.cluster_start(data, port, folder / "primary" / "run", log) == 0
        yield folder, port
    finally:
        devlib.cluster_stop(folder / "replica" / "data", "immediate")
        devlib.cluster_stop(data, "immediate")
        shutil.rmtree(folder, ignore_errors=True)


def test_the_replica_serves_what_the_primary_wrote(primary):
    folder, port = primary
    devlib.psql("CREATE TABLE call (id serial, number text)", port=port)
    devlib.psql("INSERT INTO call (number) VALUES ('+74950000001')", port=port)
    replica_folder = folder / "replica"
    replica_port = replica.start(port, replica_folder)
    assert replica_port != port
    assert replica.status(replica_folder)["running"]
    # written after the copy: streamed
    devlib.psql("INSERT INTO call (number) VALUES ('+74950000002')", port=port)
    assert replica.caught_up(port, replica_folder, timeout=30)
    numbers = devlib.psql("SELECT string_agg(number, ',' ORDER BY id) FROM call", port=replica_port)
    assert numbers == "+74950000001,+74950000002"
    assert replica.status(replica_folder)["streaming"]
    with pytest.raises(subprocess.CalledProcessError) as refused:
        devlib.psql("INSERT INTO call (number) VALUES ('x')", port=replica_port)
    assert "read-only transaction" in refused.value.stderr
    # stopped and started again: it catches up with what was written meanwhile
    replica.stop(replica_folder)
    assert not replica.status(replica_folder)["running"]
    devlib.psql("INSERT INTO call (number) VALUES ('+74950000003')", port=port)
    assert replica.start(port, replica_folder) == replica_port
    assert replica.caught_up(port, replica_folder, timeout=30)
    assert devlib.psql("SELECT count(*) FROM call", port=replica_port) == "3"


def test_a_port_taken_by_a_cluster_is_named_with_its_data_folder(primary):
    folder, port = primary
    message = pgport.taken_message(port, "/srv/x/postgresql.log")
    assert f"port {port} on 127.0.0.1 is taken by the PostgreSQL cluster in " in message
    assert str(folder / "primary" / "data") in message
    assert "CRM_PG_PORT=" in message


def test_a_replica_of_another_cluster_is_made_again(primary):
    folder, port = primary
    replica_folder = folder / "replica"
    replica.start(port, replica_folder)
    replica.stop(replica_folder)
    # the primary made anew (another cluster, the same port): the old copy cannot stream
    data = folder / "primary" / "data"
    devlib.cluster_stop(data, "immediate")
    shutil.rmtree(data)
    devlib.cluster_init(data)
    assert (
        devlib.cluster_start(data, port, folder / "primary" / "run", folder / "primary" / "log")
        == 0
    )
    devlib.psql("CREATE TABLE fresh (id int)", port=port)
    replica_port = replica.start(port, replica_folder)
    assert replica.caught_up(port, replica_folder, timeout=30)
    assert devlib.psql("SELECT count(*) FROM fresh", port=replica_port) == "0"
