#!/usr/bin/env bash
# make bench: a fresh database without demo data, then every benchmark in bench/.
source "$(dirname "$0")/common.sh"
check_ready
DB="crm_user_management_bench_$$"
conf="$BUILD/bench_$$.conf"
write_conf "$conf" "$DB" "without_demo = all"
cleanup() { dropdb_quiet "$DB" || true; rm -f "$conf"; }
trap cleanup EXIT
odoo_bin -c "$conf" -d "$DB" -i crm_user_management --stop-after-init --log-level=warn
for bench in "$ROOT"/bench/[!_]*.py; do
    echo "== $(basename "$bench")"
    "$PY" "$bench" -c "$conf" -d "$DB" ${BENCH_ARGS:-}
done
