#!/usr/bin/env bash
# `make demo`: start the API sandbox on a free port, wait until it is healthy, run
# playbooks/demo.yml (when it exists) and show the inventory graph (when an inventory file
# exists), then stop the sandbox whatever happened.
#
# Environment: DEMO_PLAYBOOK (default playbooks/demo.yml), DEMO_INVENTORY (default: the first of
# playbooks/inventory/*.yml, playbooks/*.devopness.yml, inventory/*.yml), SANDBOX_PORT (default:
# a free port). Runs from .venv (make venv) with ANSIBLE_COLLECTIONS_PATH set by the Makefile.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
venv_bin="$root/.venv/bin"
python="$venv_bin/python"
[ -x "$python" ] || { echo "demo: $python missing; run make venv" >&2; exit 1; }
export PATH="$venv_bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="${ANSIBLE_COLLECTIONS_PATH:-$root/.collections}"
export ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0 ANSIBLE_RETRY_FILES_ENABLED=0

port="${SANDBOX_PORT:-$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
url="http://127.0.0.1:$port"
token="sandbox-token"
log=$(mktemp -t deployops-demo-sandbox.XXXXXX)

"$python" -m sandbox --port "$port" >"$log" 2>&1 </dev/null &
sandbox_pid=$!
stop_sandbox() {
  if kill -0 "$sandbox_pid" 2>/dev/null; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_sandbox EXIT
trap 'exit 130' INT TERM

healthy=0
for _ in $(seq 1 150); do  # 150 x 0.1 s = at most ~15 s
  if ! kill -0 "$sandbox_pid" 2>/dev/null; then
    echo "demo: the sandbox exited early:" >&2; cat "$log" >&2; exit 1
  fi
  if "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
      "$url/_sandbox/health" 2>/dev/null; then
    healthy=1; break
  fi
  sleep 0.1
done
if [ "$healthy" != 1 ]; then
  echo "demo: the sandbox did not become healthy within 15 s:" >&2; cat "$log" >&2; exit 1
fi
echo "demo: sandbox listening on $url (pid $sandbox_pid)"

# What the inventory plugins and modules read when no option is given.
export DEVOPNESS_API_URL="$url/devopness" DEVOPNESS_API_TOKEN="$token" SANDBOX_URL="$url"

playbook="${DEMO_PLAYBOOK:-playbooks/demo.yml}"
if [ -f "$playbook" ]; then
  echo "demo: ansible-playbook $playbook"
  ansible-playbook "$playbook" \
    -e "sandbox_url=$url" -e "devopness_api_url=$url/devopness" -e "devopness_api_token=$token"
else
  echo "demo: $playbook does not exist yet; skipping the playbook"
fi

inventory="${DEMO_INVENTORY:-}"
if [ -z "$inventory" ]; then
  for candidate in playbooks/inventory/*.yml playbooks/inventory/*.yaml playbooks/*.devopness.yml inventory/*.yml; do
    if [ -f "$candidate" ]; then inventory="$candidate"; break; fi
  done
fi
if [ -n "$inventory" ] && [ -f "$inventory" ]; then
  echo "demo: ansible-inventory -i $inventory --graph"
  ansible-inventory -i "$inventory" --graph
else
  echo "demo: no inventory file yet; skipping ansible-inventory --graph"
fi
