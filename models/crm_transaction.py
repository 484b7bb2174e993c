# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work collected during one public call and done once at its end.

The collection lives in the transaction (``cr.precommit.data``, as mail's
tracking does), never in ``env.context``: environments are shared and reused,
a transaction is not; a rollback or a commit clears it.
"""

import contextlib

PREFIX = "crm_user_management."


@contextlib.contextmanager
def collecting(env, key):
    """Run a block that collects work under ``key``; yield (the collection,
    whether this block is the outermost one). A block inside another joins
    it: only the outermost does the work, after its block. The collection
    goes when the outermost block ends, however it ends."""
    data = env.cr.precommit.data
    key = PREFIX + key
    outer = data.get(key)
    items = {} if outer is None else outer
    data[key] = items
    try:
        yield items, outer is None
    finally:
        if outer is None:
            data.pop(key, None)


def collection(env, key):
    """The collection of the block running under ``key``, or None."""
    return env.cr.precommit.data.get(PREFIX + key)
