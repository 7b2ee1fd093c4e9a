"""Import a project script that is not part of the package (benchmarks, fuzz harness, generators)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_script(name: str, relative_path: str) -> ModuleType:
    """The module at ``ROOT / relative_path``, imported under ``name`` (and registered in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / relative_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
