#!/usr/bin/env bash
# make pot: i18n/crm_user_management.pot generated from the code, on a
# throwaway database; `scripts/pot.sh --check` (in CI) fails when the file
# is not current. Odoo's extractor walks the addons path with links followed:
# it reads a clean copy of the addon (no .venv, no .build link back to it).
source "$(dirname "$0")/common.sh"
check_ready
mode="${1:-write}"
work="$(mktemp -d)"
DB="crm_user_management_pot_$$"
cleanup() { dropdb_quiet "$DB" || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/addons/crm_user_management"
(cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$work/addons/crm_user_management")
conf="$work/pot.conf"
cat > "$conf" <<CONF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$work/addons
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
data_dir = $BUILD/filestore
without_demo = all
CONF
odoo_bin -c "$conf" -d "$DB" -i crm_user_management --stop-after-init --log-level=warn
"$PY" "$ODOO_SRC/odoo-bin" shell -c "$conf" -d "$DB" --log-level=warn <<PYEOF
import io
from odoo.tools.translate import trans_export
buffer = io.BytesIO()
trans_export(False, ["crm_user_management"], buffer, "po", env.cr)
open("$work/new.pot", "wb").write(buffer.getvalue())
PYEOF
# the creation dates aside, the file is what the code says
strip_dates() { grep -v -e '^"POT-Creation-Date:' -e '^"PO-Revision-Date:' "$1"; }
if [ "$mode" = "--check" ]; then
    if ! diff <(strip_dates "$ROOT/i18n/crm_user_management.pot") <(strip_dates "$work/new.pot") > "$work/diff"; then
        head -40 "$work/diff"
        die "i18n/crm_user_management.pot is out of date: run 'make pot'"
    fi
    echo "pot: current"
else
    mkdir -p "$ROOT/i18n"
    cp "$work/new.pot" "$ROOT/i18n/crm_user_management.pot"
    echo "pot: i18n/crm_user_management.pot written"
fi
