"""Odoo's command line from a script file: `python tools/odoo_server.py server ARGS...`.

With workers, Odoo starts its gevent process (websockets) as `python <sys.argv[0]> gevent
ARGS...`; under `python -m odoo` sys.argv[0] is odoo/__main__.py, which cannot run alone
(a relative import), and the gevent process dies at each respawn. `./dev run --workers` and
bench/load.py start Odoo through this file instead (devlib.odoo_server_args).
"""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "gevent":
    # gevent's patch_all loads its own plugin entry point through pkg_resources, which checks
    # gevent's requirements first; the pkg_resources of Odoo's environment (setuptools 65)
    # cannot match `zope.interface` with the installed zope_interface-8.x.dist-info and the
    # gevent process dies with DistributionNotFound. The packages are there: skip the check.
    import pkg_resources

    pkg_resources.EntryPoint.require = lambda self, env=None, installer=None: None

from odoo.cli.command import main

if __name__ == "__main__":
    main()
