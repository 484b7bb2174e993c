#!/usr/bin/env bash
# make test-stock: Odoo's own tests of auth_signup, sales_team and crm, run with
# pytest-odoo on two fresh databases in the same run: one with stock Odoo only, one
# with crm_user_management installed. A test that passes on stock Odoo but not with
# the addon fails this target, unless tests/stock_changes.txt lists it (a deliberate
# product decision, named in the README).
source "$(dirname "$0")/common.sh"
check_ready
STOCK_MODULES="${STOCK_MODULES:-auth_signup sales_team crm}"
DB_STOCK="crm_user_management_stock_$$"
DB_ADDON="crm_user_management_with_$$"
cleanup() {
    dropdb_quiet "$DB_STOCK" || true
    dropdb_quiet "$DB_ADDON" || true
    rm -f "$BUILD"/stock_$$.*.conf
}
trap cleanup EXIT
modules_csv=$(echo $STOCK_MODULES | tr ' ' ',')
paths=()
for module in $STOCK_MODULES; do paths+=("$ODOO_SRC/addons/$module/tests"); done

prepare() {  # prepare <label> <db> <modules to install>
    local label="$1" db="$2" install="$3" port="$4"
    write_conf "$BUILD/stock_$$.$label.conf" "$db"
    # each side serves its HttpCase tests on a port of its own
    write_conf "$BUILD/stock_$$.$label.test.conf" "$db" "test_enable = True" "http_port = $port"
    echo "test-stock: installing $install into $db"
    odoo_bin -c "$BUILD/stock_$$.$label.conf" -d "$db" -i "$install" \
        --stop-after-init --log-level=warn
}
prepare stock "$DB_STOCK" "$modules_csv,base_setup,mail" "${STOCK_HTTP_PORT:-8271}" &
p1=$!
prepare addon "$DB_ADDON" "$modules_csv,crm_user_management" "${ADDON_HTTP_PORT:-8272}" &
p2=$!
rc=0
wait $p1 || rc=$?
wait $p2 || rc=$?
[ "$rc" = 0 ] || { echo "test-stock: installing a database failed" >&2; exit "$rc"; }
# The demo data of the addon sets a seat limit of 15 for the demo team; stock tests
# run under the addon's default (0 = unlimited), as a fresh install without demo has.
odoo_bin shell -c "$BUILD/stock_$$.addon.conf" -d "$DB_ADDON" --log-level=warn <<'PYEOF'
env["ir.config_parameter"].set_param("crm_user_management.seat_limit", 0)
env.cr.commit()
PYEOF

run_pytest() {  # run_pytest <label> <db>
    local label="$1" db="$2"
    (cd "$ODOO_SRC" && "$VENV/bin/pytest" --odoo-config="$BUILD/stock_$$.$label.test.conf" \
        --odoo-database="$db" --odoo-http --odoo-log-level=critical -p no:cacheprovider \
        -q --junitxml="$BUILD/stock.$label.junit.xml" ${PYTEST_ARGS:-} "${paths[@]}" \
        > "$BUILD/stock.$label.log" 2>&1) || true
    echo "test-stock [$label] $(tail -n 1 "$BUILD/stock.$label.log")"
}
run_pytest stock "$DB_STOCK" &
p1=$!
run_pytest addon "$DB_ADDON" &
p2=$!
wait $p1 $p2
"$PY" "$ROOT/scripts/compare_junit.py" "$BUILD/stock.stock.junit.xml" \
    "$BUILD/stock.addon.junit.xml" "$ROOT/tests/stock_changes.txt"
