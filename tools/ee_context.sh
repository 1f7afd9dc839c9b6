#!/usr/bin/env bash
# `make ee`: the build context of the execution environment in tests/ee/execution-environment.yml.
#
#   tools/ee_context.sh [OUT]    (OUT defaults to .build/ee; must be .build/ee for the definition's
#                                 additional_build_files path, kept as an argument for clarity)
#
# Builds the collection tarball as OUT/collection/deployops-platforms.tar.gz (the name the
# definition copies into the image) and runs `ansible-builder create` into OUT/context. No image is
# built: that needs a container engine (`ansible-builder build`, see docs/awx.md).
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
out=${1:-.build/ee}
rm -rf "$out"
mkdir -p "$out/collection"
ansible-galaxy collection build --force --output-path "$out/collection" . >/dev/null
mv "$out"/collection/deployops-platforms-*.tar.gz "$out/collection/deployops-platforms.tar.gz"
ansible-builder create --file tests/ee/execution-environment.yml --context "$out/context" \
  --output-filename Containerfile -v 2
echo "build context: $out/context (Containerfile, _build/)"
