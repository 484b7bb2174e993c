# crm_user_management — developer commands. See README.rst "Development".
SHELL := /bin/bash
ODOO_SRC ?= /opt/odoo/18.0
VENV ?= $(CURDIR)/.venv
PGHOST ?= 127.0.0.1
PGPORT ?= 5432
PGUSER ?= $(shell id -un)
RUN_DB ?= crm_user_management_demo
HTTP_PORT ?= 8069
export ODOO_SRC VENV PGHOST PGPORT PGUSER RUN_DB HTTP_PORT

.PHONY: setup run test fuzz test-stock test-upgrade lint bench readme pot clean

setup:
	@scripts/setup.sh

# run and test set the machine up first when needed (quick once it is done)
run: setup
	@scripts/run.sh

test: setup
	@scripts/test.sh

# the delegation property test alone, with 10,000 generated attempts
fuzz:
	@CRM_FUZZ_EXAMPLES=$${CRM_FUZZ_EXAMPLES:-10000} PYTEST_PATHS=tests/test_attack_properties.py scripts/test.sh

test-stock:
	@scripts/test_stock.sh

test-upgrade: setup
	@scripts/test_upgrade.sh

lint:
	@scripts/lint.sh

bench:
	@scripts/bench.sh

readme:
	@$(VENV)/bin/python scripts/gen_readme.py

# i18n/crm_user_management.pot from the code (CI checks it is current)
pot: setup
	@scripts/pot.sh

clean:
	rm -rf .build
