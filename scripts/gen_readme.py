"""Generate README.rst from readme/*.md in OCA layout (oca-gen-addon-readme is
not on PyPI).

The fragments use the subset of Markdown that reads the same in reStructuredText
once ``**bold**`` and ``-`` lists are kept and inline code is doubled."""

import ast
import re
import sys
from pathlib import Path

import docutils.core
import docutils.utils

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION", None),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("SECURITY", "Security model"),
    ("ARCHITECTURE", "Architecture"),
    ("CONTEXT", "Context and decisions"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("CONTRIBUTORS", "Contributors"),
]


def md_to_rst(text):
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    return text.strip() + "\n"


def main():
    manifest = ast.literal_eval((ROOT / "__manifest__.py").read_text())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), ""]
    out += [
        f".. |badge1| image:: https://img.shields.io/badge/license-{manifest['license']}-blue.png",
        "",
        "|badge1|",
        "",
        f"``crm_user_management`` {manifest['version']}: {manifest['summary']}.",
        "",
        "**Table of contents**",
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for name, heading in SECTIONS:
        path = ROOT / "readme" / f"{name}.md"
        if not path.exists():
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        out.append(md_to_rst(path.read_text()))
    text = "\n".join(out)
    target = ROOT / "README.rst"
    if "--check" in sys.argv:
        if not target.exists() or target.read_text() != text:
            sys.exit("README.rst is out of date: run 'make readme'")
        # the fragments must also be valid reStructuredText (Odoo renders it)
        try:
            docutils.core.publish_doctree(
                text, settings_overrides={"halt_level": 2, "report_level": 5}
            )
        except docutils.utils.SystemMessage as error:
            sys.exit(f"README.rst is not valid reStructuredText: {error}")
        return
    target.write_text(text)


if __name__ == "__main__":
    main()
