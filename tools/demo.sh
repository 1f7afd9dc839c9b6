#!/usr/bin/env bash
# `make demo`: bootstrap the example Devopness environment and the example DeployHQ project, a DeployBot
# release and a dployr stack against a local API sandbox, twice each.
#
#  1. builds .venv and the .collections link when they are missing (a fresh clone),
#  2. starts the sandbox on a free port and waits until it is healthy (at most 15 s),
#  3. runs playbooks/bootstrap_environment.yml (every resource it creates is listed),
#  4. runs it again and prints its PLAY RECAP (changed=0: nothing left to do),
#  5. shows the servers through the inventory plugin (ansible-inventory --graph and --list),
#  6. releases a commit through the sandbox's DeployBot staging and production twice
#     (playbooks/deploybot_release.yml; the second run changes nothing) and shows its servers
#     (playbooks/inventory/demo.deploybot.yml),
#  7. converges the example DeployHQ project (playbooks/deployhq_project.yml) twice and shows its servers
#     through the DeployHQ inventory plugin,
#  8. dployr: runs playbooks/dployr_stack.yml twice (the second changes nothing) and shows the cluster's
#     instances through the dployr inventory plugin,
#  9. stops the sandbox whatever happened (trap; bounded waits).
#
# Environment: DEMO_PLAYBOOK (default playbooks/bootstrap_environment.yml), DEMO_INVENTORY
# (default playbooks/inventory/demo.devopness.yml), DEMO_DEPLOYHQ_PLAYBOOK (default
# playbooks/deployhq_project.yml), SANDBOX_PORT (default: a free port),
# DEMO_TIMEOUT (seconds for each ansible command, default 300).
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
venv_bin="$root/.venv/bin"
python="$venv_bin/python"
if [ ! -x "$python" ] || [ ! -f "$root/.venv/.installed.stamp" ]; then
  echo "demo: building .venv (make venv)"
  make --no-print-directory venv
fi
if [ ! -e "$root/.collections/ansible_collections/deployops/platforms" ]; then
  make --no-print-directory collections
fi
export PATH="$venv_bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="${ANSIBLE_COLLECTIONS_PATH:-$root/.collections}"
export ANSIBLE_HOME="${ANSIBLE_HOME:-$root/.ansible}"
export ANSIBLE_PYTHON_INTERPRETER="$python"
export ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0 ANSIBLE_RETRY_FILES_ENABLED=0
export ANSIBLE_DEPRECATION_WARNINGS=0

playbook="${DEMO_PLAYBOOK:-playbooks/bootstrap_environment.yml}"
inventory="${DEMO_INVENTORY:-playbooks/inventory/demo.devopness.yml}"
deployhq_playbook="${DEMO_DEPLOYHQ_PLAYBOOK:-playbooks/deployhq_project.yml}"
deployhq_inventory="playbooks/inventory/demo.deployhq.yml"
step_timeout="${DEMO_TIMEOUT:-300}"

port="${SANDBOX_PORT:-$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
url="http://127.0.0.1:$port"
token="sandbox-token"
log=$(mktemp -t deployops-demo-sandbox.XXXXXX)
second=$(mktemp -t deployops-demo-second.XXXXXX)

"$python" -m sandbox --port "$port" >"$log" 2>&1 </dev/null &
sandbox_pid=$!
stop_sandbox() {
  if kill -0 "$sandbox_pid" 2>/dev/null; then
    kill "$sandbox_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do  # at most ~5 s, then SIGKILL
      kill -0 "$sandbox_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  rm -f "$log" "$second"
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

# What the role, the playbooks and the inventory plugin read when no option is given.
export DEVOPNESS_API_URL="$url/devopness" DEVOPNESS_API_TOKEN="$token" SANDBOX_URL="$url"
export DEPLOYHQ_API_URL="$url/deployhq" DEPLOYHQ_USERNAME="sandbox@example.com" DEPLOYHQ_API_KEY="$token"
run() { timeout --kill-after=10 "$step_timeout" "$@"; }

# step LABEL WHAT COMMAND...: print "demo: [LABEL] COMMAND  (WHAT)" and run it.
step() {
  local label=$1 what=$2; shift 2
  echo; echo "demo: [$label] $*${what:+  ($what)}"
  run "$@"
}

# rerun LABEL COMMAND...: the second run of a playbook; only its recap is shown, all of it on failure.
rerun() {
  local label=$1 rc=0; shift
  echo; echo "demo: [$label] $*  (again: nothing left to change)"
  run "$@" >"$second" 2>&1 || rc=$?
  if [ "$rc" != 0 ]; then
    cat "$second"; echo "demo: the second run ($label) failed ($rc)" >&2; exit "$rc"
  fi
  sed -n '/^PLAY RECAP/,$p' "$second"
}

step 1/4 "creates the environment" ansible-playbook "$playbook"
rerun 2/4 ansible-playbook "$playbook"
step 3/4 "" ansible-inventory -i "$inventory" --graph
step 4/4 "" ansible-inventory -i "$inventory" --list

# DeployBot: release a commit through staging and production, twice, then list its servers.
export DEPLOYBOT_API_URL="$url/deploybot/api/v1" DEPLOYBOT_API_TOKEN="$token"
deploybot_release="${DEMO_DEPLOYBOT_VERSION:-3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2}"
step "DeployBot 1/3" "deploys $deploybot_release" \
  ansible-playbook playbooks/deploybot_release.yml -e "release_version=$deploybot_release"
rerun "DeployBot 2/3" ansible-playbook playbooks/deploybot_release.yml -e "release_version=$deploybot_release"
step "DeployBot 3/3" "" ansible-inventory -i playbooks/inventory/demo.deploybot.yml --graph

step "DeployHQ 1/3" "creates the DeployHQ project and deploys it" ansible-playbook "$deployhq_playbook"
rerun "DeployHQ 2/3" ansible-playbook "$deployhq_playbook"
step "DeployHQ 3/3" "" ansible-inventory -i "$deployhq_inventory" --graph

# dployr: the services of a cluster from one variable (playbooks/dployr_stack.yml), twice, then its instances.
export DPLOYR_API_URL="$url/dployr" DPLOYR_TOKEN="dpat_$(printf '5a%.0s' $(seq 1 32))"
dployr_playbook="${DEMO_DPLOYR_PLAYBOOK:-playbooks/dployr_stack.yml}"
step "dployr 1/3" "deploys the services" ansible-playbook "$dployr_playbook"
rerun "dployr 2/3" ansible-playbook "$dployr_playbook"
step "dployr 3/3" "" ansible-inventory -i playbooks/inventory/demo.dployr.yml --graph

echo
echo "demo: done; stopping the sandbox"
