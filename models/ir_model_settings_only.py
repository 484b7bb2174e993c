# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrModel(models.Model):
    _name = "ir.model"
    _inherit = ("ir.model", "crm.settings.only.mixin")


class IrModelConstraint(models.Model):
    _name = "ir.model.constraint"
    _inherit = ("ir.model.constraint", "crm.settings.only.mixin")


class IrModelData(models.Model):
    _name = "ir.model.data"
    _inherit = ("ir.model.data", "crm.settings.only.mixin")


class IrModelFields(models.Model):
    _name = "ir.model.fields"
    _inherit = ("ir.model.fields", "crm.settings.only.mixin")


class IrModelFieldsSelection(models.Model):
    _name = "ir.model.fields.selection"
    _inherit = ("ir.model.fields.selection", "crm.settings.only.mixin")


class IrModelRelation(models.Model):
    _name = "ir.model.relation"
    _inherit = ("ir.model.relation", "crm.settings.only.mixin")
