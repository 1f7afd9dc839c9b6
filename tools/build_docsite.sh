#!/usr/bin/env bash
# Build the collection's HTML docsite with antsibull-docs and Sphinx (`make docs`).
#
#   tools/build_docsite.sh DEST     ->  DEST/build/html/index.html
#
# `antsibull-docs sphinx-init` writes a Sphinx project for deployops.platforms into DEST (the
# collection is found through ANSIBLE_COLLECTIONS_PATH, i.e. the working tree via .collections),
# tools/docsite_conf.py is appended to its conf.py (offline handling of links into the Ansible
# docs, see there), and DEST/build.sh renders every plugin, role and docs/docsite/links.yml to rst
# (`antsibull-docs collection --fail-on-error`) and then to HTML (`sphinx-build -W`: any warning
# fails the build). DEST is emptied first.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
dest=${1:?usage: tools/build_docsite.sh DEST}
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mkdir -m 755 "$dest"  # antsibull-docs wants a directory only its owner can write to

antsibull-docs sphinx-init --use-current --squash-hierarchy --fail-on-error \
  --project deployops.platforms --copyright "deployops.platforms contributors" \
  --title "deployops.platforms" --html-short-title "deployops.platforms" \
  --dest-dir "$dest" deployops.platforms
cat tools/docsite_conf.py >>"$dest/conf.py"
"$dest/build.sh"
