#!/usr/bin/env bash
# Shared settings for the project's scripts: paths, database connection, Odoo config.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo/18.0}"
VENV="${VENV:-$ROOT/.venv}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-$(id -un)}"
export PGHOST PGPORT PGUSER
BUILD="$ROOT/.build"
ADDONS_LINK_DIR="$BUILD/addons"
# OCA addons unpacked by setup, on the addons path for the coexistence test
OCA_ADDONS="$BUILD/oca"
OCA_BASE_USER_ROLE="18.0.1.2.2"
PY="$VENV/bin/python"

die() { echo "error: $*" >&2; exit 1; }

# Link the repository root under its technical name into an addons directory.
link_addon() {
    mkdir -p "$ADDONS_LINK_DIR"
    ln -sfn "$ROOT" "$ADDONS_LINK_DIR/crm_user_management"
}

check_ready() {
    [ -x "$PY" ] || die "no virtualenv at $VENV: run 'make setup' first"
    [ -f "$ODOO_SRC/odoo-bin" ] || die "no Odoo 18.0 source at ODOO_SRC=$ODOO_SRC: run 'make setup' or set ODOO_SRC"
    pg_ok || die "PostgreSQL does not answer at $PGHOST:$PGPORT as $PGUSER (set PGHOST/PGPORT/PGUSER)"
    link_addon
}

pg_ok() {
    "$PY" - <<PYEOF 2>/dev/null
import psycopg2
psycopg2.connect(host="$PGHOST", port=$PGPORT, user="$PGUSER", dbname="postgres").close()
PYEOF
}

# write_conf <file> <db> [extra lines]: an Odoo configuration for this checkout.
write_conf() {
    local conf="$1" db="$2"; shift 2
    mkdir -p "$(dirname "$conf")"
    cat > "$conf" <<CONF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$ADDONS_LINK_DIR$([ -d "$OCA_ADDONS" ] && echo ",$OCA_ADDONS")
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_name = $db
data_dir = $BUILD/filestore
list_db = False
max_cron_threads = 0
CONF
    for line in "$@"; do echo "$line" >> "$conf"; done
}

odoo_bin() { "$PY" "$ODOO_SRC/odoo-bin" "$@"; }

dropdb_quiet() {
    "$PY" - "$1" <<PYEOF
import sys, psycopg2
c = psycopg2.connect(host="$PGHOST", port=$PGPORT, user="$PGUSER", dbname="postgres")
c.autocommit = True
c.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[1])
PYEOF
    rm -rf "$BUILD/filestore/filestore/$1"
}
