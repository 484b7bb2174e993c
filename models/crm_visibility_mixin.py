# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

# the models that inherit this mixin (and the trash): leads and partners
VISIBILITY_MODELS = ("crm.lead", "res.partner")

VISIBILITY_SELECTION = [
    ("everyone", "Everyone"),
    ("private", "Private"),
    ("groups", "Chosen Groups"),
]
VISIBILITY_FIELDS = ("visibility", "visibility_group_ids")
PARAM_DEFAULT_VISIBILITY = "crm_user_management.default_visibility_%s"


def masks_for(env):
    """Whether data of records hidden from ``env.uid`` is masked for that user
    where Odoo sends it on their behalf: the superuser account, portal pages
    (they name records on purpose) and the Owner and Admins (they see
    everything) are left alone."""
    if env.uid == SUPERUSER_ID:
        return False
    user = env.user
    return not (user.share or user._crm_sees_everything())


def names_masked(env):
    """Whether records hidden from ``env.uid`` are named neutrally in ``env``:
    Odoo names many2one values and groups under sudo on behalf of a user;
    non-sudo reads (a hidden record fails to read anyway) are left alone."""
    return env.su and masks_for(env)


def readable_sql(env, model_name, id_sql):
    """SQL: the record ``id_sql`` of ``model_name`` is one the user of ``env``
    may read, by the record rules of a read (archived and NULL ids: not)."""
    records = env[model_name].with_context(active_test=False)
    if not records.has_access("read"):
        return SQL("FALSE")
    query = records._search([])
    query.order = None
    query.add_where(SQL("%s = %s", SQL.identifier(query.table, "id"), id_sql))
    return SQL("EXISTS(%s)", query.select(SQL("1")))


class CrmVisibilityMixin(models.AbstractModel):
    """Who sees a CRM record, on top of what the roles allow.

    ``everyone``: whoever the roles let see it; ``private``: its owner (the
    salesperson) only; ``groups``: its owner and the members of the chosen
    visibility groups. Owner and Admins see everything. The compiled global
    rule ``CRM visibility`` enforces it through every ORM entry point.
    """

    _name = "crm.visibility.mixin"
    # inheriting mail.thread puts this mixin before it in the models' MRO, so
    # that its notification and subscription overrides run
    _inherit = ("mail.thread",)
    _description = "CRM Record Visibility"

    visibility = fields.Selection(
        VISIBILITY_SELECTION,
        required=True,
        default="everyone",
        index=True,
        copy=True,
        tracking=True,
        help="Everyone: all users whose role lets them see it. Private: its "
        "owner, the Owner and Admins. Chosen Groups: its owner, the members of "
        "the groups, the Owner and Admins.",
    )
    visibility_group_ids = fields.Many2many(
        "res.groups",
        string="Visible to Groups",
        domain=[("is_visibility_group", "=", True)],
        copy=True,
        help="Visibility groups whose members see this record.",
    )

    visibility_search_group_ids = fields.Many2many(
        "res.groups",
        string="Visible to Groups (rules)",
        compute="_compute_visibility_search_group_ids",
        search="_search_visibility_search_group_ids",
        help="visibility_group_ids, searched with one uncorrelated sub-select: "
        "the visibility rule uses it, so that PostgreSQL costs the group test "
        "once per query instead of once per row.",
    )

    @api.depends("visibility_group_ids")
    def _compute_visibility_search_group_ids(self):
        for record in self:
            record.visibility_search_group_ids = record.visibility_group_ids

    def _search_visibility_search_group_ids(self, operator, value):
        if operator != "in" or not isinstance(value, (list, tuple)):
            return [("visibility_group_ids", operator, value)]
        field = self._fields["visibility_group_ids"]
        return [
            (
                "id",
                "in",
                SQL(
                    "(SELECT %s FROM %s WHERE %s = ANY(%s))",
                    SQL.identifier(field.column1),
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column2),
                    [int(v) for v in value],
                ),
            )
        ]

    # ------------------------------------------------------------------
    # Which entity a record is, and its default
    # ------------------------------------------------------------------
    @api.model
    def _crm_visibility_entity(self, vals):
        """The matrix entity (lead, deal, contact, company) of new values."""
        raise NotImplementedError

    def _crm_visibility_applies(self):
        """Records whose visibility may differ from everyone."""
        return self

    @api.model
    def _crm_default_visibility(self, vals):
        entity = self._crm_visibility_entity(vals)
        # sudo: a default value from Settings, the same for every user
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(PARAM_DEFAULT_VISIBILITY % entity, "everyone")
        )
        return value if value in dict(VISIBILITY_SELECTION) else "everyone"

    @api.model_create_multi
    def create(self, vals_list):
        public = self.env.context.get("crm_visibility_public")
        for vals in vals_list:
            if public:
                # the partner of a new user or company of the database
                vals["visibility"] = "everyone"
            elif "visibility" not in vals:
                vals["visibility"] = self._crm_default_visibility(vals)
            if vals["visibility"] != "groups":
                vals.pop("visibility_group_ids", None)
            if (
                vals["visibility"] != "everyone"
                and not vals.get("user_id")
                and not self.env.user.share
                and not self.env.su
            ):
                # a restricted record without an owner would vanish for its author
                vals["user_id"] = self.env.uid
        if not self.env.su:
            # the links given, refused before the record rules name no field
            self._crm_check_links(
                {
                    field: self.env[field.comodel_name].browse(
                        {vals[field.name] for vals in vals_list if vals.get(field.name)}
                    )
                    for field in self._crm_link_fields()
                }
            )
        records = super().create(vals_list)
        records._crm_check_visibility_applies()
        if not self.env.su:
            # the links given, directly or as defaults of the context
            given = {name for vals in vals_list for name in vals}
            given |= {
                key[len("default_") :]
                for key in self.env.context
                if key.startswith("default_")
            }
            # sudo: the values just created, that the user may not read back
            created = records.sudo()
            records._crm_check_links(
                {
                    field: created.mapped(field.name)
                    for field in self._crm_link_fields()
                    if field.name in given
                }
            )
        return records

    def write(self, vals):
        self._crm_check_link_vals(vals)
        if vals.get("visibility") and vals["visibility"] != "groups":
            # only a 'groups' record keeps groups
            vals = dict(vals, visibility_group_ids=[fields.Command.clear()])
        if any(f in vals for f in VISIBILITY_FIELDS):
            self._crm_check_visibility_change(vals)
        if "user_id" in vals:
            self._crm_check_ownership_transfer(vals["user_id"])
        res = super().write(vals)
        if any(f in vals for f in VISIBILITY_FIELDS):
            self._crm_check_visibility_applies()
        if any(f in vals for f in (*VISIBILITY_FIELDS, "user_id")):
            self._crm_unsubscribe_blind_followers()
        return res

    @api.constrains("visibility", "visibility_group_ids")
    def _check_visibility_groups(self):
        for record in self:
            if record.visibility == "groups" and not record.visibility_group_ids:
                raise ValidationError(
                    _(
                        "Choose at least one group that sees %(name)s.",
                        name=record.display_name,
                    )
                )
            if record.visibility_group_ids.filtered(
                lambda g: not g.is_visibility_group
            ):
                raise ValidationError(_("Only visibility groups can see a record."))

    def _crm_check_visibility_applies(self):
        wrong = (self - self._crm_visibility_applies())._crm_restricted()
        if wrong:
            raise ValidationError(
                _(
                    "%(name)s belongs to a user or a company of this database: "
                    "it stays visible to everyone.",
                    name=wrong[0].display_name,
                )
            )

    def _crm_restricted(self):
        """The records not visible to everyone (private, or chosen groups)."""
        return self.filtered(lambda r: r.visibility != "everyone")

    def _crm_guarded(self):
        """The records some users cannot read whatever their roles: restricted,
        or in the trash (both models of this mixin have one)."""
        return self.filtered(lambda r: r.visibility != "everyone" or r.crm_trash_date)

    # ------------------------------------------------------------------
    # Names and data of hidden records must not leak through other records
    # ------------------------------------------------------------------
    def _crm_names_hidden_from_user(self):
        """The records of ``self`` whose name the user may not see.

        Odoo names the records of many2one values and of groups under sudo,
        on behalf of ``env.uid`` (``fields.Many2one.convert_to_read``,
        ``read_group``, ``web_read``): those hidden from that user by their
        visibility or by the trash are returned, to be named neutrally. One
        access check for all of them; none for records visible to everyone.
        """
        if not self.env.su:
            return self.browse()
        candidates = self.filtered("id")._crm_guarded()
        if not candidates or not names_masked(self.env):
            return self.browse()
        return candidates - candidates.sudo(False)._filtered_access("read")

    def _crm_hidden_from_reader(self):
        """The records of ``self`` that ``env.uid`` may not read, whether
        ``self`` is sudo or not: for data Odoo sends with another record (a
        message's author, a follower, an attendee), to mask it there."""
        if not self:
            return self.browse()
        # sudo: which records are restricted or trashed, to check only those
        candidates = self.sudo().filtered("id")._crm_guarded()
        if not candidates or not masks_for(self.env):
            return self.browse()
        user_env = self.env(su=False)
        hidden = candidates - candidates.with_env(user_env)._filtered_access("read")
        return hidden.with_env(self.env)

    def message_post(self, **kwargs):
        """The record name stored on a message is shown to its readers, who may
        read the record: never the neutral name of a sudo post made on behalf
        of a user who cannot."""
        if not kwargs.get("record_name") and self._crm_names_hidden_from_user():
            # sudo: the real name, for the readers of the record's messages
            kwargs["record_name"] = self.with_env(
                self.env(user=SUPERUSER_ID, su=True)
            ).display_name
        return super().message_post(**kwargs)

    @api.model
    def _crm_link_fields(self):
        """The many2one fields to leads and partners: crm's and base's stored
        computes copy the linked record's data as superuser (a lead's email,
        phone and address from its customer, a contact's address from its
        company)."""
        return [
            field
            for field in self._fields.values()
            if field.type == "many2one" and field.comodel_name in VISIBILITY_MODELS
        ]

    def onchange(self, values, field_names, fields_spec):
        """The form computes a linked lead's or contact's data too (a lead's
        email, phone and address from its customer): not for one the user
        cannot read, given in the values or as a default."""
        if not self.env.su:
            links = {}
            for field in self._crm_link_fields():
                value = values.get(field.name) or self.env.context.get(
                    f"default_{field.name}"
                )
                if isinstance(value, dict):
                    value = value.get("id")
                elif isinstance(value, (list, tuple)):
                    value = value[0] if value else False
                if isinstance(value, int) and value:
                    links[field] = self.env[field.comodel_name].browse(value)
            self._crm_check_links(links)
        return super().onchange(values, field_names, fields_spec)

    def _crm_check_link_vals(self, vals):
        """Refuse a write that links ``self`` to a lead or partner the user
        cannot read (records that keep their current link are left alone)."""
        if self.env.su:
            return
        links = {}
        for field in self._crm_link_fields():
            if field.name not in vals:
                continue
            target = field.convert_to_cache(vals[field.name], self)
            # sudo: the current links, which the write may leave unchanged
            if target and any(r[field.name].id != target for r in self.sudo()):
                links[field] = self.env[field.comodel_name].browse(target)
        self._crm_check_links(links)

    def _crm_check_links(self, links, guarded_only=False):
        """Refuse ``links`` ({field: linked records}) to records the user
        cannot read: one access check per field; with ``guarded_only``, only
        of the records restricted or trashed (stock's own access stays for
        the others)."""
        if self.env.su:
            return
        for field, linked in links.items():
            if guarded_only:
                # sudo: which records are restricted or trashed
                linked = linked.sudo()._crm_guarded()
            linked = linked.with_env(self.env)
            hidden = linked - linked._filtered_access("read")
            if hidden:
                raise AccessError(
                    _(
                        "You cannot set %(field)s to a %(model)s you cannot see.",
                        field=field._description_string(self.env),
                        model=hidden._description,
                    )
                )

    def _crm_make_public(self):
        """Make records visible to everyone (partners that became a user's)."""
        restricted = self._crm_restricted()
        if restricted:
            # sudo: partners of users and companies are always public
            restricted.sudo().write(
                {
                    "visibility": "everyone",
                    "visibility_group_ids": [fields.Command.clear()],
                }
            )
