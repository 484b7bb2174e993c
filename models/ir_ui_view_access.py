# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# the view attributes Odoo sets from the access rights, named as the matrix
# actions they stand for
VIEW_ACTIONS = ("create", "edit", "delete")


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    def _postprocess_access_rights(self, tree):
        """Views offer no create, edit or delete that the user's roles refuse
        on every entity of the model (a Sales Manager whose role deletes
        nothing sees no Delete, though Sales Administrator's ACL allows it:
        the matrix guard would refuse it)."""
        nodes = [
            (node, node.get("model_access_rights"))
            for node in tree.xpath("//*[@model_access_rights]")
            if node.tag != "field"
        ]
        tree = super()._postprocess_access_rights(tree)
        user = self.env.user
        if self.env.su or not nodes or not user._crm_is_crm_role_holder():
            return tree
        registry = self.env["crm.role.entity"]._crm_registry()
        scopes = None
        for node, model in nodes:
            entities = [entity.code for entity in registry if entity.model == model]
            if not entities:
                continue
            if scopes is None:
                scopes = user._crm_scope_union(
                    self.env["res.groups"]._crm_contacts_public()
                )
            for action in VIEW_ACTIONS:
                if node.get(action) != "False" and all(
                    scopes[code][action] == "none" for code in entities
                ):
                    node.set(action, "False")
        return tree
