# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What every benchmark starts with: its arguments and the database's registry."""

import argparse
import statistics
import time

import odoo
from odoo.tools import config


def bench_setup(description, add_arguments=None):
    """Parse ``-c``/``-d`` (and the benchmark's own arguments), load Odoo.

    :return: (parsed arguments, registry of the database)
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    if add_arguments:
        add_arguments(parser)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    return args, odoo.modules.registry.Registry(args.database)


def timed(func, repeat):
    """The median time of ``repeat`` calls of ``func``, in seconds."""
    runs = []
    for _i in range(repeat):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)
