#!/usr/bin/env bash
# make run: create or reuse the demo database and serve Odoo on http://localhost:$HTTP_PORT.
source "$(dirname "$0")/common.sh"
check_ready
RUN_DB="${RUN_DB:-crm_user_management_demo}"
HTTP_PORT="${HTTP_PORT:-8069}"
conf="$BUILD/run.conf"
write_conf "$conf" "$RUN_DB" "http_port = $HTTP_PORT" "db_filter = ^$RUN_DB\$"
if "$PY" - "$RUN_DB" <<PYEOF
import sys, psycopg2
c = psycopg2.connect(host="$PGHOST", port=$PGPORT, user="$PGUSER", dbname="postgres")
cr = c.cursor(); cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
sys.exit(0 if cr.fetchone() else 1)
PYEOF
then
    echo "run: updating the addon in database $RUN_DB"
    odoo_bin -c "$conf" -u crm_user_management --stop-after-init --log-level=warn
else
    echo "run: creating database $RUN_DB with demo data (takes a minute)"
    odoo_bin -c "$conf" -i crm_user_management --stop-after-init --log-level=warn
fi
cat <<MSG

  Odoo with crm_user_management: http://localhost:$HTTP_PORT  (database $RUN_DB)
  Demo logins (login / password):
    admin / admin                          Administrator
    olivia.admin@example.com / demo        Admin role (Access Rights)
    sam.manager@example.com / demo         sales manager
    chloe.closer@example.com / demo        closer
    carl.closer@example.com / demo         closer
    sophie.setter@example.com / demo       setter
    steve.suspended@example.com / demo     suspended: login is refused
    ian.invited@example.com, isla.invited@example.com: pending invitations
  Stop with Ctrl-C.

MSG
exec "$PY" "$ODOO_SRC/odoo-bin" -c "$conf"
