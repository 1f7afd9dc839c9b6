#!/usr/bin/env bash
# Generate CHANGELOG.md from changelogs/ with antsibull-changelog, fragments included.
#
#   tools/changelog.sh           write CHANGELOG.md              (make changelog)
#   tools/changelog.sh --check   fail when CHANGELOG.md differs   (make docs-lint)
#
# antsibull-changelog only renders releases recorded in changelogs/changelog.yaml; the version in
# galaxy.yml is normally not recorded yet (it is recorded by `antsibull-changelog release` when it
# is released), and its changes still sit in changelogs/fragments/. So the changelog is rendered
# in a scratch copy of the collection (galaxy.yml, changelogs/, plugins/, meta/, roles/ copied) where
# `antsibull-changelog release --version <galaxy.yml version>` records that version from the
# fragments; the repository's changelog.yaml and fragments are left untouched. When galaxy.yml's
# version is already recorded, `antsibull-changelog generate` is used instead.
# The rendered changelog carries no release date, so the result depends only on the inputs.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
check=0
[ "${1:-}" = --check ] && check=1

python=${PYTHON:-$root/.venv/bin/python}
version=$("$python" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["version"])' galaxy.yml)
recorded=$("$python" -c '
import sys, yaml
releases = (yaml.safe_load(open(sys.argv[1])) or {}).get("releases") or {}
print("yes" if sys.argv[2] in releases else "no")' changelogs/changelog.yaml "$version")

scratch=$(mktemp -d -t deployops-changelog.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
copy="$scratch/ansible_collections/deployops/platforms"
mkdir -p "$copy"
cp galaxy.yml "$copy/"
cp -r changelogs "$copy/changelogs"
rm -f "$copy/changelogs/.plugin-cache.yaml"
for item in plugins meta roles; do
  [ -e "$item" ] && cp -r "$item" "$copy/$item"
done

cd "$copy"
export ANSIBLE_COLLECTIONS_PATH="$scratch"
if [ "$recorded" = yes ]; then
  antsibull-changelog generate >/dev/null
else
  antsibull-changelog release --version "$version" >/dev/null
fi
cd "$root"

if [ $check = 1 ]; then
  if ! diff -u CHANGELOG.md "$copy/CHANGELOG.md"; then
    echo "CHANGELOG.md is not what changelogs/ generates: run \`make changelog\` and commit it" >&2
    exit 1
  fi
  echo "CHANGELOG.md is up to date with changelogs/ (version $version$([ "$recorded" = no ] && echo ', from fragments'))"
else
  cp "$copy/CHANGELOG.md" CHANGELOG.md
  echo "wrote CHANGELOG.md (version $version$([ "$recorded" = no ] && echo ', from fragments'))"
fi
