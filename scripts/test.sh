#!/usr/bin/env bash
# make test: a fresh database, the addon installed (with demo data), the whole test
# suite through pytest-odoo (HttpCase tours included), then the database is dropped.
source "$(dirname "$0")/common.sh"
check_ready
DB="crm_user_management_test_$$"
conf="$BUILD/test_$$.conf"
write_conf "$conf" "$DB"
pytest_conf="$BUILD/test_$$.pytest.conf"
write_conf "$pytest_conf" "$DB" "test_enable = True" "http_port = ${TEST_HTTP_PORT:-8069}"
cleanup() { dropdb_quiet "$DB" || true; rm -f "$conf" "$pytest_conf"; }
trap cleanup EXIT
echo "test: installing crm_user_management into fresh database $DB"
odoo_bin -c "$conf" -d "$DB" -i crm_user_management --stop-after-init --log-level=warn
junit="$BUILD/junit_$$.xml"
set +e
(cd "$ROOT" && PYTHONPATH="$ROOT/scripts" "$VENV/bin/pytest" -p pytest_addon_name \
    --odoo-config="$pytest_conf" --odoo-database="$DB" --odoo-http --odoo-log-level=warn \
    -p no:cacheprovider -rfEs --junitxml="$junit" ${PYTEST_ARGS:-} \
    ${PYTEST_PATHS:-tests})
rc=$?
set -e
# a skipped test is not a pass
skipped=$("$PY" -c "import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); print(sum(int(s.get('skipped',0)) for s in r.iter('testsuite')))" "$junit" 2>/dev/null || echo 0)
if [ "$rc" = 0 ] && [ "$skipped" != 0 ]; then
    echo "test: $skipped test(s) skipped: a skipped test is not a pass" >&2
    rc=1
fi
exit $rc
