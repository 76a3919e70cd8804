import argparse
import asyncio
import logging
import os

from .agent import Agent, check


def parser():
    env = os.environ.get
    p = argparse.ArgumentParser(
        prog="python -m softphone_agent",
        description="Asterisk AMI events to crm_softphone's endpoint in Odoo, with an on-disk "
        "queue while Odoo is down.",
    )
    p.add_argument("--odoo-url", default=env("SOFTPHONE_ODOO_URL", "http://127.0.0.1:8069"))
    p.add_argument("--db", default=env("SOFTPHONE_DB"), help="Odoo database, when several")
    p.add_argument("--pbx-id", type=int, default=int(env("SOFTPHONE_PBX_ID", "1")))
    p.add_argument("--token", default=env("SOFTPHONE_TOKEN", ""), help="the PBX's token")
    p.add_argument(
        "--token-file",
        default=env("SOFTPHONE_TOKEN_FILE"),
        help="a file holding the PBX's token, read again at every try: write the new token "
        "there after Generate Token in Odoo, no restart needed",
    )
    p.add_argument("--ami-host", default=env("SOFTPHONE_AMI_HOST", "127.0.0.1"))
    p.add_argument("--ami-port", type=int, default=int(env("SOFTPHONE_AMI_PORT", "5038")))
    p.add_argument("--ami-user", default=env("SOFTPHONE_AMI_USER", ""))
    p.add_argument("--ami-secret", default=env("SOFTPHONE_AMI_SECRET", ""))
    p.add_argument("--queue-dir", default=env("SOFTPHONE_QUEUE_DIR", "softphone-queue"))
    p.add_argument(
        "--recording-url",
        default=env("SOFTPHONE_RECORDING_URL"),
        help="link to a recording, with {file} (and {call_id}), e.g. https://pbx/rec/{file}",
    )
    p.add_argument("--extension-pattern", default=r"^\d{2,6}$", help="what an extension is")
    p.add_argument("--batch-size", type=int, default=100)
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--retry-delay", type=float, default=1.0)
    p.add_argument("--max-retry-delay", type=float, default=30.0)
    p.add_argument("--reconnect-delay", type=int, default=2)
    p.add_argument("--ping-interval", type=int, default=10)
    p.add_argument("--check", action="store_true", help="say whether both sides can be reached")
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def main(argv=None):
    config = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if config.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if config.check:
        ok, messages = asyncio.run(check(config))
        for message in messages:
            print(message)
        print("OK" if ok else "NOT OK")
        return 0 if ok else 1
    try:
        asyncio.run(Agent(config).run())
    except KeyboardInterrupt:
        pass
    return 0
