# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib


class CrmPending:
    """Work collected during one call and done once at its end, handed down
    in the environment's context.

    Odoo gives back an existing environment whenever the context is *equal*:
    a plain list or dict would let a call pick up the environment (and the
    collection) of an earlier one. Instances compare by identity instead.
    """

    __slots__ = ("items", "open")

    def __init__(self):
        self.items = {}
        self.open = True  # False once the call is over: records kept from it
        # (and their environment) then do their work at once

    @staticmethod
    def of(env, key):
        """The open collection under ``key`` in ``env``'s context, or None."""
        pending = env.context.get(key)
        return pending if pending is not None and pending.open else None

    @classmethod
    @contextlib.contextmanager
    def collect(cls, records, key):
        """Run a block with ``records`` whose context holds a new collection
        under ``key``; yield (those records, the collection), closed when the
        block ends, however it ends."""
        pending = cls()
        try:
            yield records.with_context(**{key: pending}), pending
        finally:
            pending.open = False
