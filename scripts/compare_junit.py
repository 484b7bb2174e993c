# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Compare two pytest junit reports: stock Odoo against Odoo with the addon.

    compare_junit.py <stock.xml> <addon.xml> <stock_changes.txt>

Exits non-zero when a test that passes on stock Odoo does not pass with the addon,
unless the changes file lists its id (``Class.test_name``, one per line,
``#`` comments allowed), or when a listed test passes again (the list must stay true).
"""

import sys
import xml.etree.ElementTree as ET


def outcomes(path):
    result = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        test_id = f"{case.get('classname').split('.')[-1]}.{case.get('name')}"
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = "skipped" if child.tag == "skipped" else "failed"
        result[test_id] = outcome
    return result


def main(stock_path, addon_path, changes_path):
    stock, addon = outcomes(stock_path), outcomes(addon_path)
    with open(changes_path, encoding="utf-8") as changes_file:
        changed = {
            line.split("#")[0].strip()
            for line in changes_file
            if line.split("#")[0].strip()
        }
    regressions = sorted(
        test_id
        for test_id, outcome in stock.items()
        if outcome == "passed"
        and addon.get(test_id) != "passed"
        and test_id not in changed
    )
    stale = sorted(test_id for test_id in changed if addon.get(test_id) == "passed")
    for label, result in (("stock", stock), ("addon", addon)):
        counts = {
            o: list(result.values()).count(o) for o in ("passed", "failed", "skipped")
        }
        print(f"{label:>5}: {len(result)} tests, {counts}")
    print(f"changed by a documented decision: {len(changed)}")
    for test_id in regressions:
        print(f"REGRESSION: {test_id} passes on stock Odoo, not with the addon")
    for test_id in stale:
        print(f"STALE: {test_id} is listed in stock_changes.txt but passes")
    return 1 if regressions or stale or not stock else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
