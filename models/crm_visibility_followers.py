# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, models
from odoo.exceptions import AccessError


class CrmVisibilityMixin(models.AbstractModel):
    """Followers and notifications of restricted records: internal users who
    cannot read a record neither follow it nor are notified of it."""

    _inherit = "crm.visibility.mixin"

    def _crm_blind_users(self, users):
        """{record id: the ``users`` who cannot read it}: one access check per
        internal user over all the records."""
        blind = defaultdict(lambda: users.browse())
        for user in users.filtered(lambda u: not u.share and not u._is_superuser()):
            readable = set(self.with_user(user)._filtered_access("read").ids)
            for record_id in set(self.ids) - readable:
                blind[record_id] |= user
        return blind

    def _crm_unsubscribe_blind_followers(self, partners=None):
        """Internal followers (among ``partners`` if given) who do not see a
        record stop following it."""
        restricted = self._crm_restricted()
        # sudo: reading and pruning followers after a checked change of the
        # records; only users who cannot read a record are removed from it
        restricted = restricted.sudo()
        followers = restricted.message_partner_ids
        if partners is not None:
            followers &= partners
        blind = restricted._crm_blind_users(followers.user_ids)
        # one unsubscription per set of blind users, not per record
        for users, records in (
            restricted.filtered(lambda r: r.id in blind)
            .grouped(lambda r: blind[r.id])
            .items()
        ):
            records.message_unsubscribe(partner_ids=users.partner_id.ids)

    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        """Followers subscribed automatically (the sales team's, say) must see
        the record: those who do not are removed again."""
        if not self._crm_restricted():
            # only restricted records have followers to prune (see
            # _crm_unsubscribe_blind_followers): skip the before/after reads
            return super()._message_auto_subscribe(
                updated_values, followers_existing_policy=followers_existing_policy
            )
        # sudo: comparing the followers before and after, nothing else
        before = {r.id: r.message_partner_ids for r in self.sudo()}
        res = super()._message_auto_subscribe(
            updated_values, followers_existing_policy=followers_existing_policy
        )
        added = self.env["res.partner"].union(
            *(r.message_partner_ids - before[r.id] for r in self.sudo())
        )
        if added:
            self._crm_unsubscribe_blind_followers(added)
        return res

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """Never notify an internal user of a record they cannot read."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if len(self) != 1 or not self._crm_restricted():
            return recipients
        # sudo: the recipients' users, to test their own access to the record
        users = (
            self.env["res.users"]
            .sudo()
            .browse({r["uid"] for r in recipients if r.get("uid")})
        )
        blind = set(self._crm_blind_users(users)[self.id].ids)
        return [r for r in recipients if r.get("uid") not in blind]

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Users who cannot read a record cannot follow it."""
        if partner_ids and not self.env.su:
            # sudo: which users the partners belong to, to test their access
            users = (
                self.env["res.users"]
                .sudo()
                .search([("partner_id", "in", partner_ids), ("share", "=", False)])
            )
            restricted = self._crm_restricted()
            blind = restricted._crm_blind_users(users)
            for record in restricted.filtered(lambda r: r.id in blind):
                raise AccessError(
                    _(
                        "%(users)s cannot see %(name)s and cannot follow it.",
                        users=", ".join(blind[record.id].mapped("name")),
                        name=record.display_name,
                    )
                )
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )
