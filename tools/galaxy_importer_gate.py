#!/usr/bin/env python
"""Run galaxy-importer on a collection tarball; fail on any error or warning.

galaxy-importer is what Ansible Galaxy and Automation Hub run on an uploaded collection: it reads
galaxy.yml/MANIFEST.json, renders every plugin's docs with ansible-doc, checks meta/runtime.yml,
meta/execution-environment.yml, the changelog, role metadata and READMEs, and runs ansible-lint.
It reports problems as log records of level WARNING or ERROR and still "completes successfully",
so this gate counts those records itself and exits 1 when there is any (or when the import fails).

Usage: python tools/galaxy_importer_gate.py TARBALL   (from .venv-importer; see `make galaxy-importer`)
The importer's JSON result is written next to the tarball (importer_result.json).
"""

import logging
import os
import sys

from galaxy_importer import main as importer_main


class Counter(logging.Handler):
    """Keeps every record of level WARNING and above that galaxy-importer logs."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def run(tarball):
    tarball = os.path.abspath(tarball)
    counter = Counter()
    logging.getLogger("galaxy_importer").addHandler(counter)
    os.chdir(os.path.dirname(tarball))  # importer_result.json goes there
    rc = importer_main.main([tarball])
    result_file = os.path.join(os.path.dirname(tarball), "importer_result.json")
    warnings = [r for r in counter.records if r.levelno == logging.WARNING]
    errors = [r for r in counter.records if r.levelno > logging.WARNING]
    print()
    print("galaxy-importer gate: %d error(s), %d warning(s), importer exit %s, result %s"
          % (len(errors), len(warnings), rc or 0, "written" if os.path.exists(result_file) else "MISSING"))
    for record in counter.records:
        print("  %s: %s" % (record.levelname, record.getMessage().splitlines()[0]))
    if rc or errors or warnings or not os.path.exists(result_file):
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(run(sys.argv[1]))
