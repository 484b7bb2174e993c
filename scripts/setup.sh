#!/usr/bin/env bash
# make setup: system packages, Odoo 18.0 source, a .venv with Odoo's requirements,
# pytest-odoo and the linters, then a PostgreSQL check.
source "$(dirname "$0")/common.sh"

# 1. Debian packages needed to build Odoo's requirements, and Chromium for the UI tour.
missing=()
for pkg in libpq-dev libldap2-dev libsasl2-dev chromium; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "setup: installing ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        die "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})"
    fi
fi

# 2. Odoo 18.0 source.
if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
    echo "setup: no Odoo source at $ODOO_SRC, cloning upstream 18.0"
    if ! git clone -q --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$ODOO_SRC"; then
        die "could not clone Odoo 18.0 into $ODOO_SRC. Put an Odoo 18.0 source tree there (or set ODOO_SRC to one)."
    fi
fi
grep -q "^version_info = (18, 0" "$ODOO_SRC/odoo/release.py" || die "$ODOO_SRC is not Odoo 18.0"

# 3. Virtualenv with Odoo's requirements, pytest-odoo and the lint tools.
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
# Make `import odoo` work inside the venv.
site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$ODOO_SRC" > "$site/odoo-src.pth"
stamp="$VENV/.crm_user_management.stamp"
want="$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements-dev.txt" | sha1sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: installing Python requirements into $VENV"
    constraint="$BUILD/build-constraint.txt"
    mkdir -p "$BUILD"
    echo 'setuptools<81' > "$constraint"   # cbor2 5.4.2 still needs pkg_resources to build
    "$VENV/bin/pip" install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
    "$VENV/bin/pip" install -q --build-constraint "$constraint" \
        -r "$ODOO_SRC/requirements.txt" -r "$ROOT/requirements-dev.txt" 2>&1 | grep -v '^WARNING: Location' || true
    "$VENV/bin/python" -c "import psycopg2, werkzeug, lxml, pytest_odoo" || die "Python requirements did not install"
    echo "$want" > "$stamp"
fi

# 4. OCA's base_user_role, for the coexistence test (a wheel on PyPI that requires
# an `odoo` package that does not exist: unpacked beside, not installed).
if [ ! -f "$OCA_ADDONS/base_user_role/__manifest__.py" ]; then
    echo "setup: unpacking OCA base_user_role $OCA_BASE_USER_ROLE into $OCA_ADDONS"
    wheels="$BUILD/wheels"
    mkdir -p "$wheels" "$OCA_ADDONS"
    "$VENV/bin/pip" download -q --no-deps -d "$wheels" \
        "odoo-addon-base-user-role==$OCA_BASE_USER_ROLE" 2>&1 | grep -v '^WARNING: Location' || true
    "$PY" - "$wheels" "$OCA_ADDONS" <<'PYEOF'
import glob, shutil, sys, zipfile
wheel, = glob.glob(sys.argv[1] + "/odoo_addon_base_user_role-*.whl")
with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        if name.startswith("odoo/addons/base_user_role/"):
            archive.extract(name, sys.argv[2] + "/.unpack")
shutil.move(sys.argv[2] + "/.unpack/odoo/addons/base_user_role", sys.argv[2] + "/base_user_role")
shutil.rmtree(sys.argv[2] + "/.unpack")
PYEOF
    [ -f "$OCA_ADDONS/base_user_role/__manifest__.py" ] || die "could not unpack OCA base_user_role"
fi

# 5. PostgreSQL.
if ! pg_ok; then
    die "PostgreSQL does not answer at $PGHOST:$PGPORT as role $PGUSER.
  Start it (e.g. pg_ctlcluster 15 main start) or set PGHOST/PGPORT/PGUSER.
  The role must be a superuser or have CREATEDB, and must not be 'postgres' (Odoo refuses it)."
fi
[ "$PGUSER" != postgres ] || die "Odoo refuses the PostgreSQL role 'postgres': set PGUSER to another role"
link_addon
echo "setup: ready (Odoo at $ODOO_SRC, venv at $VENV, PostgreSQL $PGUSER@$PGHOST:$PGPORT)"
