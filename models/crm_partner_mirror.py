# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.osv import expression


def export_masked(records, hidden, masks, export, fields, toplevel):
    """Rows of ``export(records, fields, _is_toplevel_call=...)`` (the next
    ``_export_rows``) in which the main line of each record of ``hidden``
    shows ``masks`` ({field name: value}) for the columns of those fields:
    exports read values directly, not through ``_read_format``."""
    if not hidden:
        return export(records, fields, _is_toplevel_call=toplevel)
    lines, batch = [], records.browse()
    columns = {
        index: masks[path[0]]
        for index, path in enumerate(fields)
        if len(path) == 1 and path[0] in masks
    }
    for record in records:
        if record not in hidden:
            batch |= record
            continue
        if batch:
            lines += export(batch, fields, _is_toplevel_call=False)
            batch = records.browse()
        record_lines = export(record, fields, _is_toplevel_call=False)
        for index, value in columns.items():
            record_lines[0][index] = value or ""
        lines += record_lines
    if batch:
        lines += export(batch, fields, _is_toplevel_call=False)
    return lines


class CrmPartnerMirrorMixin(models.AbstractModel):
    """Records that carry a contact's data beside their link to it (related
    or copied fields, read as superuser): for a contact hidden from the
    reader, its link is named "Restricted contact" and these fields are
    masked the same way, on every read (read, search_read, web_read, mail's
    store)."""

    _name = "crm.partner.mirror.mixin"
    _description = "Carries a Contact's Data"
    # the many2one to the contact whose data the record carries
    _crm_mirrored_partner_field = "partner_id"
    # whether Odoo names the record after that contact
    _crm_mirror_named_after_partner = True

    def _crm_mirror_masks(self):
        """{field name: masked value} of the contact's data the record carries."""
        return {}

    def _crm_order_link(self, fname):
        # the contact's data sorts as the contact does
        if fname in self._crm_mirror_masks():
            return self._crm_mirrored_partner_field
        return super()._crm_order_link(fname)

    def _crm_mirroring_hidden(self):
        """The records of ``self`` whose contact the user may not read."""
        field = self._crm_mirrored_partner_field
        # sudo: the links, to check the contacts they point to
        partner_of = {record.id: record[field] for record in self.sudo()}
        hidden = self.env["res.partner"].union(*partner_of.values())
        hidden = hidden._crm_hidden_from_reader()
        if not hidden:
            return self.browse()
        return self.filtered(lambda r: partner_of[r.id] in hidden)

    @api.model
    def _where_calc(self, domain, active_test=True):
        """The contact's data is searched as the contact: with the user's
        rights (related fields are searched under sudo, copied ones match
        the hidden contact's values). Here, not in ``_search``: the domains
        of auto_join fields (a document's ``message_ids``) come here directly."""
        if not self.env.su:
            domain = self._crm_mirror_domain(domain)
        return super()._where_calc(domain, active_test)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        # groups by a contact's data leave out the records of hidden contacts,
        # as a search of that data does: their values would be the labels
        specs = [spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)]
        if not self.env.su and set(specs) & set(self._crm_mirror_masks()):
            domain = expression.AND([self._crm_mirror_readable_domain(), domain])
        return super()._read_group(
            domain, groupby, aggregates, having, offset, limit, order
        )

    @api.model
    def _crm_mirror_readable_domain(self):
        """The records without a contact or with one the user may read."""
        link = self._crm_mirrored_partner_field
        return ["|", (link, "=", False), (link, "any", [])]

    @api.model
    def _crm_mirror_domain(self, domain):
        """``domain`` with each condition on the contact's data made a
        condition on the contact, with the user's rights."""
        link = self._crm_mirrored_partner_field
        masked = self._crm_mirror_masks()
        if not any(
            isinstance(leaf, (list, tuple)) and len(leaf) == 3 and leaf[0] in masked
            for leaf in domain
        ):
            return domain
        readable = self._crm_mirror_readable_domain()
        result = []
        for leaf in domain:
            if not (isinstance(leaf, (list, tuple)) and len(leaf) == 3):
                result.append(leaf)
                continue
            field = self._fields.get(leaf[0])
            path = getattr(field, "related", None) or ""
            if leaf[0] in masked and path.startswith(f"{link}."):
                result.append((link, "any", [(path[len(link) + 1 :], *leaf[1:])]))
            elif leaf[0] in masked and (field.store or leaf[0] == "display_name"):
                # display_name: searched as the stored name it stands for. A
                # hidden contact's value matches no value, and every negation
                if leaf[1] in expression.NEGATIVE_TERM_OPERATORS:
                    result += ["|", tuple(leaf), "!", *readable]
                else:
                    result += ["&", tuple(leaf), *readable]
            else:
                result.append(leaf)
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        hidden = self.browse() if self.env.su else self._crm_mirroring_hidden()
        return export_masked(
            self,
            hidden,
            self._crm_mirror_masks(),
            super()._export_rows.__func__,
            fields,
            _is_toplevel_call,
        )

    @api.depends_context("uid")
    def _compute_display_name(self):
        # stock names these records after their contact, read as the user:
        # a hidden one would fail the whole read
        if not self._crm_mirror_named_after_partner:
            return super()._compute_display_name()
        hidden = self._crm_mirroring_hidden()
        res = super(CrmPartnerMirrorMixin, self - hidden)._compute_display_name()
        name = self.env._("Restricted contact")
        for record in hidden:
            record.display_name = name
        return res

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        masks = {
            name: value
            for name, value in self._crm_mirror_masks().items()
            if name in fnames
        }
        if masks and result:
            hidden = set(self._crm_mirroring_hidden().ids)
            for values in result:
                if values["id"] in hidden:
                    values.update(masks)
        return result


class MailFollowers(models.Model):
    _name = "mail.followers"
    _inherit = ("mail.followers", "crm.partner.mirror.mixin")

    def _crm_mirror_masks(self):
        name = self.env._("Restricted contact")
        return {"name": name, "display_name": name, "email": False}


class MailResendPartner(models.TransientModel):
    _name = "mail.resend.partner"
    _inherit = ("mail.resend.partner", "crm.partner.mirror.mixin")

    def _crm_mirror_masks(self):
        return {"name": self.env._("Restricted contact"), "email": False}


class CalendarAttendee(models.Model):
    _name = "calendar.attendee"
    _inherit = ("calendar.attendee", "crm.partner.mirror.mixin")

    def _crm_mirror_masks(self):
        name = self.env._("Restricted contact")
        return {
            "common_name": name,
            "display_name": name,
            "email": False,
            "phone": False,
        }


class DiscussChannelMember(models.Model):
    _name = "discuss.channel.member"
    _inherit = ("discuss.channel.member", "crm.partner.mirror.mixin")

    def _crm_mirror_masks(self):
        return {"display_name": self.env._("Restricted contact")}
