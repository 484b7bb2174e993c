# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pytest plugin: import this checkout's tests as ``odoo.addons.crm_user_management``,
whatever the checkout directory is called (pytest resolves the addons-path link)."""

from pathlib import Path

import _pytest.pathlib

ROOT = Path(__file__).resolve().parent.parent
_resolve = _pytest.pathlib.resolve_pkg_root_and_module_name


def _resolve_as_addon(path, *, consider_namespace_packages=False):
    pkg_root, module_name = _resolve(
        path, consider_namespace_packages=consider_namespace_packages
    )
    head, _sep, rest = module_name.partition(".")
    if Path(path).resolve().is_relative_to(ROOT) and head == ROOT.name:
        module_name = "odoo.addons.crm_user_management" + (f".{rest}" if rest else "")
    return pkg_root, module_name


_pytest.pathlib.resolve_pkg_root_and_module_name = _resolve_as_addon
