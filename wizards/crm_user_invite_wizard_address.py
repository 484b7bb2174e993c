# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import string

import idna

from odoo import _, api, models

from .crm_user_invite_wizard import shorten

# what mail servers accept (RFC 5321 section 4.5.3.1): a path of 256 octets
# with its angle brackets, a local part of 64, a domain of 255 on the wire
# (253 written with dots), labels of 63
ADDRESS_MAX_LENGTH = 254
LOCAL_PART_MAX_LENGTH = 64
DOMAIN_MAX_LENGTH = 253
LABEL_MAX_LENGTH = 63
# an RFC 5322 dot-atom: atext characters and dots (checked apart)
LOCAL_PART_CHARS = frozenset(
    string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-."
)
# a host name label (RFC 1123), once lowercased and IDNA-encoded
LABEL_CHARS = frozenset(string.ascii_lowercase + string.digits + "-")


def refused_chars(text, allowed):
    """The characters of ``text`` not in ``allowed``, each once, to show them."""
    return " ".join(dict.fromkeys(char for char in text if char not in allowed))


class CrmUserInviteWizard(models.TransientModel):
    """The invited addresses, checked as mail servers accept them."""

    _inherit = "crm.user.invite.wizard"

    @api.model
    def _crm_check_address(self, address):
        """Check ``address`` as mail servers accept it: at most 254
        characters, exactly one @, a dot-atom local part of 1 to 64
        characters (RFC 5322) and a host name domain (international domains
        checked in their IDNA form).

        :return: (normalized address, False), or (False, why it is refused);
            the normalized address is lowercased, as logins are compared
        """
        address = address or ""
        if not address:
            return False, _("It is empty.")
        if len(address) > ADDRESS_MAX_LENGTH:
            return False, self._crm_too_long(len(address))
        if any(char.isspace() for char in address):
            return False, _("It contains a space.")
        if address.count("@") != 1:
            return False, _(
                "It must contain exactly one @ (it has %(count)s).",
                count=address.count("@"),
            )
        local, domain = address.split("@")
        problem = self._crm_local_part_problem(local)
        if problem:
            return False, problem
        domain = domain.lower()
        ascii_domain, problem = self._crm_check_domain(domain)
        if problem:
            return False, problem
        length = len(local) + 1 + len(ascii_domain)
        if length > ADDRESS_MAX_LENGTH:
            return False, self._crm_too_long(length)
        # the IDNA form: one mailbox, one login (bücher and xn--bcher-kva),
        # and a look-alike letter shows as what it is
        return f"{local.lower()}@{ascii_domain}", False

    @api.model
    def _crm_too_long(self, length):
        return _(
            "It is %(length)s characters long; at most %(limit)s are allowed.",
            length=length,
            limit=ADDRESS_MAX_LENGTH,
        )

    @api.model
    def _crm_local_part_problem(self, local):
        """Why the part before the @ is refused, or False."""
        if not local:
            return _("Nothing comes before the @.")
        if len(local) > LOCAL_PART_MAX_LENGTH:
            return _(
                "The part before the @ has %(length)s characters; at most "
                "%(limit)s are allowed.",
                length=len(local),
                limit=LOCAL_PART_MAX_LENGTH,
            )
        refused = refused_chars(local, LOCAL_PART_CHARS)
        if refused:
            return _(
                "The part before the @ contains characters mail servers refuse: "
                "%(chars)s",
                chars=refused,
            )
        if local.startswith(".") or local.endswith(".") or ".." in local:
            return _(
                "The part before the @ cannot start or end with a dot, nor have "
                "two dots in a row."
            )
        return False

    @api.model
    def _crm_check_domain(self, domain):
        """Check a lowercased domain.

        :return: (its IDNA form, False), or (False, why it is refused)
        """
        if not domain:
            return False, _("Nothing comes after the @.")
        labels = domain.split(".")
        if "" in labels:
            return False, _(
                "The domain has an empty part: a dot at its start or end, or two "
                "dots in a row."
            )
        if len(labels) < 2:
            return False, _(
                "The domain %(domain)s has no dot: use a full domain, such as "
                "example.com.",
                domain=shorten(domain),
            )
        ascii_labels = []
        for label in labels:
            try:
                # IDNA 2008, as Odoo sends mail to international domains
                ascii_labels.append(
                    label if label.isascii() else idna.encode(label).decode()
                )
            except UnicodeError:
                return False, _(
                    "%(label)s is not a valid international domain name.",
                    label=shorten(label),
                )
        for label in ascii_labels:
            problem = self._crm_label_problem(label)
            if problem:
                return False, problem
        if ascii_labels[-1].isdigit():
            return False, _(
                "The domain ends with a number: use a domain name, not an IP address."
            )
        ascii_domain = ".".join(ascii_labels)
        if len(ascii_domain) > DOMAIN_MAX_LENGTH:
            return False, _(
                "The domain has %(length)s characters; at most %(limit)s are allowed.",
                length=len(ascii_domain),
                limit=DOMAIN_MAX_LENGTH,
            )
        return ascii_domain, False

    @api.model
    def _crm_label_problem(self, label):
        """Why a part of the domain (between dots) is refused, or False."""
        refused = refused_chars(label, LABEL_CHARS)
        if refused:
            return _(
                "The domain contains characters that are not allowed: %(chars)s "
                "(use letters, digits, hyphens and dots).",
                chars=refused,
            )
        if len(label) > LABEL_MAX_LENGTH:
            return _(
                "The domain part %(label)s is longer than %(limit)s characters.",
                label=shorten(label),
                limit=LABEL_MAX_LENGTH,
            )
        if label.startswith("-") or label.endswith("-"):
            return _(
                "A part of the domain cannot start or end with a hyphen: %(label)s.",
                label=label,
            )
        return False
