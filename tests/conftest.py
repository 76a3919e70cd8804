"""Plain-Python tests: they load the addons' `pure/` modules by path, without Odoo."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_pure(addon, module):
    """Import `<addon>/pure/<module>.py` alone (the addon's __init__ imports Odoo)."""
    name = f"_pure_{addon}_{module}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / addon / "pure" / f"{module}.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


@pytest.fixture
def pure():
    return load_pure
