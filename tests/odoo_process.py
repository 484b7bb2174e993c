# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tests that run odoo-bin in a database of their own: what cannot happen in
the test database (installing other addons, uninstalling this one)."""

import configparser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
from psycopg2 import sql

import odoo
from odoo.sql_db import connection_info_for
from odoo.tests import BaseCase
from odoo.tools import config

STEP_TIMEOUT = 1200  # seconds, per odoo-bin run


class OdooProcessCase(BaseCase):
    """Each step runs odoo-bin on ``self.db``, dropped at the end, with the
    test run's configuration minus what would run the tests or serve HTTP."""

    def setUp(self):
        super().setUp()
        self.db = f"crm_um_{type(self).__name__.lower()}_{os.getpid()}"
        self.tmp = Path(tempfile.mkdtemp(prefix="crm_um_process_"))
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self._drop_database()
        self.addCleanup(self._drop_database)
        self.odoo_bin = Path(odoo.__path__[0]).parent / "odoo-bin"
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(config.rcfile)
        options = parser["options"] if parser.has_section("options") else {}
        parser["options"] = {
            k: v
            for k, v in options.items()
            if k not in ("test_enable", "test_tags", "test_file", "db_name")
            and not k.startswith("http")
        }
        # what odoo-bin's command line may have given this run
        for key in ("addons_path", "data_dir", "db_host", "db_port", "db_user"):
            if config.get(key):
                parser["options"][key] = str(config[key])
        parser["options"]["max_cron_threads"] = "0"
        self.conf = self.tmp / "odoo.conf"
        with self.conf.open("w") as handle:
            parser.write(handle)
        self.timings = {}

    def _connect(self, dbname):
        _dsn, info = connection_info_for(dbname)
        connection = psycopg2.connect(**info)
        connection.autocommit = True
        return connection

    def _drop_database(self):
        connection = self._connect("postgres")
        try:
            connection.cursor().execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(self.db)
                )
            )
        finally:
            connection.close()
        shutil.rmtree(config.filestore(self.db), ignore_errors=True)

    def _odoo(self, label, *args, stdin=None, env=None):
        """Run odoo-bin ``args`` on the test's database; fail on a non-zero exit."""
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, str(self.odoo_bin), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT,
            env={**os.environ, **(env or {})},
            check=False,
        )
        self.timings[label] = round(time.monotonic() - start, 1)
        self.assertEqual(
            proc.returncode,
            0,
            f"odoo-bin {label} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}",
        )
        return proc

    def _install(self, label, modules):
        self._odoo(
            label,
            *("-c", str(self.conf), "-d", self.db, "-i", modules),
            *("--stop-after-init", "--no-http", "--log-level=warn"),
        )

    def _run_shell(self, script, prefix, stage, args=None):
        """Run ``stage`` of the ``odoo-bin shell`` script ``script`` (given
        ``<prefix>_STAGE``, ``<prefix>_ARGS`` in JSON and ``<prefix>_OUT``, the
        file of its JSON result); return that result."""
        out = self.tmp / f"{stage}.json"
        self._odoo(
            stage,
            *("shell", "-c", str(self.conf), "-d", self.db),
            *("--no-http", "--log-level=warn"),
            stdin=script.read_text(),
            env={
                f"{prefix}_STAGE": stage,
                f"{prefix}_ARGS": json.dumps(args or {}),
                f"{prefix}_OUT": str(out),
            },
        )
        return json.loads(out.read_text())
