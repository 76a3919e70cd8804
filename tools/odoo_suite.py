"""Run Odoo with the given command line and print the test report as one JSON line.

Used by `./dev test`: it installs the addons in a throwaway database with
`--test-enable` (the normal Odoo test run, HTTP server and browser tours included)
and reads the counts from the registry's own test report.
"""

import json
import sys

from odoo.cli.server import check_postgres_user
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.service import server
from odoo.tools import config


def main(argv):
    config.parse_config(argv, setup_logging=True)
    check_postgres_user()
    (dbname,) = config["db_name"]
    db_service._create_empty_database(dbname)
    config["init"]["base"] = True
    rc = server.start(preload=[dbname], stop=True)
    registry = Registry.registries.get(dbname)
    report = registry and registry._assertion_report
    counts = {
        "run": report.testsRun if report else 0,
        "failed": (report.failures_count + report.errors_count) if report else 0,
        "skipped": report.skipped if report else 0,
        "rc": rc,
    }
    print("ODOO-SUITE-REPORT " + json.dumps(counts), flush=True)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
