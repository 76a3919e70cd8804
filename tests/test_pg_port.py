"""Each checkout's PostgreSQL port (tools/pgport.py): chosen from its path, kept once chosen,
an existing cluster's port left as it is, and a taken port named with who holds it."""

import socket

from tools import pgport


def _listen(port=0):
    sock = socket.socket()
    sock.bind(("127.0.0.1", port))
    sock.listen()
    return sock


def test_two_checkouts_get_two_ports_each_stable():
    first = pgport.hashed_port(b"/srv/checkout-a")
    second = pgport.hashed_port(b"/srv/checkout-b")
    assert first != second
    assert first == pgport.hashed_port(b"/srv/checkout-a")
    assert pgport.FIRST <= first < pgport.FIRST + pgport.COUNT


def test_a_taken_port_is_passed_over():
    port = pgport.hashed_port(b"/srv/checkout-a")
    with _listen(port):
        assert not pgport.port_free(port)
        assert pgport.hashed_port(b"/srv/checkout-a") != port
    assert pgport.hashed_port(b"/srv/checkout-a") == port


def test_the_port_is_kept_once_chosen(tmp_path):
    data = tmp_path / "data"
    chosen = pgport.cluster_port(tmp_path, data, b"/srv/checkout-a", environ={})
    assert chosen == pgport.hashed_port(b"/srv/checkout-a")
    pgport.remember_port(tmp_path, chosen)
    with _listen(chosen):  # even while something else holds it, the checkout keeps its port
        assert pgport.cluster_port(tmp_path, data, b"/srv/checkout-a", environ={}) == chosen
    environ = {"CRM_PG_PORT": "54411"}
    assert pgport.cluster_port(tmp_path, data, b"/srv/checkout-a", environ=environ) == 54411


def test_an_existing_cluster_keeps_its_port(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "PG_VERSION").write_text("15\n")
    # a cluster made before ports were per checkout, never started: the old fixed port
    assert pgport.cluster_port(tmp_path, data, b"/srv/x", environ={}) == pgport.LEGACY_PORT
    (data / "postmaster.opts").write_text(
        '/usr/lib/postgresql/15/bin/postgres "-D" "/srv/x/.local/pg/data" '
        '"-c" "listen_addresses=127.0.0.1" "-p" "54329" "-k" "/srv/x/.local/pg/run"\n'
    )
    assert pgport.cluster_port(tmp_path, data, b"/srv/x", environ={}) == 54329
    (data / "postmaster.opts").unlink()
    (data / "postgresql.auto.conf").write_text("port = '54377'\n")
    assert pgport.cluster_port(tmp_path, data, b"/srv/x", environ={}) == 54377


def test_the_message_names_the_port_and_crm_pg_port_when_another_program_holds_it():
    with _listen() as sock:
        port = sock.getsockname()[1]
        message = pgport.taken_message(port, "/srv/x/postgresql.log")
    assert f"port {port} on 127.0.0.1 is taken by a program that is not a PostgreSQL" in message
    assert "CRM_PG_PORT=" in message
    assert "/srv/x/postgresql.log" in message
    # once free, the message is the plain one pointing at the log
    assert pgport.taken_message(port, "/srv/x/postgresql.log") == (
        "PostgreSQL did not start; see /srv/x/postgresql.log"
    )
