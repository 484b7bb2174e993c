#!/usr/bin/env bash
# make lint: ruff and pylint-odoo with OCA's configuration; any finding fails.
source "$(dirname "$0")/common.sh"
[ -x "$VENV/bin/ruff" ] || die "run 'make setup' first"
cd "$ROOT"
"$VENV/bin/ruff" check .
"$PY" scripts/gen_readme.py --check
"$VENV/bin/ruff" format --check .
link_addon
(cd "$ADDONS_LINK_DIR" && "$VENV/bin/pylint" --rcfile="$ROOT/.pylintrc-mandatory" crm_user_management)
echo "lint: clean"
