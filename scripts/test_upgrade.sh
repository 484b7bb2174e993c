#!/usr/bin/env bash
# make test-upgrade: a database that runs the previous release (.ci/previous_release)
# with data (roles, edited matrices, assignments, visibility groups, restricted
# records, trash, audit log) upgrades to this checkout with -u and keeps all of it,
# with the same effective permissions and the same visible records for every user.
source "$(dirname "$0")/common.sh"
check_ready
previous="$(cat "$ROOT/.ci/previous_release")"
DB="crm_user_management_upgrade_$$"
work="$BUILD/upgrade_$$"
cleanup() { dropdb_quiet "$DB" || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/previous/crm_user_management"
git -C "$ROOT" archive "$previous" | tar -x -C "$work/previous/crm_user_management"
conf_previous="$work/previous.conf"
write_conf "$conf_previous" "$DB"
# the previous release's addon instead of this checkout's
sed -i "s|,$ADDONS_LINK_DIR|,$work/previous|" "$conf_previous"
conf_now="$work/now.conf"
write_conf "$conf_now" "$DB"
shell() {  # shell <conf> <stage>
    CRM_UPGRADE_STAGE="$2" CRM_UPGRADE_OUT="$work/$2.$3.json" \
        odoo_bin shell -c "$1" -d "$DB" --no-http --log-level=warn \
        < "$ROOT/scripts/upgrade_shell.py" > "$work/$2.$3.log" 2>&1 \
        || { cat "$work/$2.$3.log"; die "upgrade: stage $2 ($3) failed"; }
}
echo "upgrade: installing the previous release ($previous) into $DB"
odoo_bin -c "$conf_previous" -d "$DB" -i crm_user_management --stop-after-init --log-level=warn
shell "$conf_previous" seed previous
shell "$conf_previous" snapshot before
echo "upgrade: upgrading to this checkout (-u crm_user_management)"
odoo_bin -c "$conf_now" -d "$DB" -u crm_user_management --stop-after-init --log-level=warn
shell "$conf_now" snapshot after
"$PY" - "$work/snapshot.before.json" "$work/snapshot.after.json" <<'PYEOF'
import json, sys
before, after = (json.load(open(path)) for path in sys.argv[1:])
problems = []
for login in sorted(set(before) | set(after)):
    if before.get(login) != after.get(login):
        problems.append(f"{login}:\n  before {before.get(login)}\n  after  {after.get(login)}")
if problems:
    print("upgrade: what changed for users:\n" + "\n".join(problems))
    sys.exit(1)
print(f"upgrade: {sum(not k.startswith('__') for k in before)} internal users keep their permissions and what they see; "
      f"{before['__audit__']} audit entries, {before['__trash__']} trash entries kept")
PYEOF
