# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import models

# The generated Access Rights tab of the user form (base.user_groups_view).
DEBUG_ONLY = "base.group_no_one"


def hide_empty_headings(arch):
    """The user form's generated Access Rights (``base.user_groups_view``)
    with no heading left over the categories shown only in debug mode:
    a ``group`` whose fields are all debug-only is debug-only too (the *Sales*
    heading, whose selection follows the roles)."""
    root = etree.fromstring(arch)
    for group in root.iter("group"):
        fields = group.findall(".//field")
        if (
            group.get("string")
            and not group.get("groups")
            and fields
            and all(field.get("groups") == DEBUG_ONLY for field in fields)
        ):
            group.set("groups", DEBUG_ONLY)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    def write(self, vals):
        groups_view = self.env.ref("base.user_groups_view", raise_if_not_found=False)
        if vals.get("arch") and groups_view and self == groups_view:
            arch = hide_empty_headings(vals["arch"])
            if arch == self.arch:
                # what res.groups regenerated is what is stored: nothing to do
                return True
            vals = {**vals, "arch": arch}
        return super().write(vals)


class ResGroups(models.Model):
    _inherit = "res.groups"

    def _update_user_groups_view(self):
        # sudo: Odoo rebuilds the generated view from the groups as they now
        # are, which Access Rights (Admins) may change, though only Settings
        # may write views; nothing of the caller's goes into it but names
        return super(ResGroups, self.sudo())._update_user_groups_view()
