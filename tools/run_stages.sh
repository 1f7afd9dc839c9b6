#!/usr/bin/env bash
# Run `make <stage>` for each stage given, all of them even when one fails, print how long each
# took, and exit non-zero when any failed (a failed `venv` stage stops the run). Used by `make test`.
#
#   tools/run_stages.sh [--jobs N] [--priority STAGE]... [STAGE...] [-- STAGE...]
#
# Stages before `--` run one after the other, their output streamed as it comes. Stages after
# `--` run in parallel, at most N at a time (default 3), in the order given (put the longest
# first): each writes to its own log, .build/test-logs/<stage>.log, which is printed in one piece
# when the stage ends, so the output of parallel stages never interleaves. The summary lists every
# stage with its result and wall time, and the total wall time.
#
# Parallel stages not named with --priority run under `nice -n 10`: the priority stage (the
# longest, which sets the total time) keeps the CPU share it would have alone, so its tests see
# the timings they were written for, and the other stages use the CPU it leaves idle.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

make_cmd=${MAKE:-make}
jobs=3
declare -A priority=()
log_dir=${TEST_LOG_DIR:-.build/test-logs}
declare -a sequential=() parallel=()
seen_separator=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs=$2; shift 2 ;;
    --jobs=*) jobs=${1#--jobs=}; shift ;;
    --priority) priority[$2]=1; shift 2 ;;
    --) seen_separator=1; shift ;;
    *) if [ $seen_separator = 1 ]; then parallel+=("$1"); else sequential+=("$1"); fi; shift ;;
  esac
done
case "$jobs" in ''|*[!0-9]*|0) echo "run_stages: --jobs needs a positive number, got '$jobs'" >&2; exit 2 ;; esac

declare -A result_of=() time_of=() pid_stage=() stage_start=()
failed=0
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
total_start=$(now)

record() {  # stage result elapsed
  echo ">> $1: $2 in ${3}s"
  result_of[$1]=$2; time_of[$1]=$3
  [ "$2" = ok ] || failed=1
}

# ------------------------------------------------------------------ sequential stages
stop=0
for stage in "${sequential[@]}"; do
  echo
  echo "================================ $stage ================================"
  start=$(now)
  if "$make_cmd" --no-print-directory "$stage"; then result=ok; else result=FAILED; fi
  record "$stage" "$result" "$(seconds "$start" "$(now)")"
  if [ "$stage" = venv ] && [ "$result" != ok ]; then
    echo ">> venv failed: not running the other stages"; stop=1; break
  fi
done

# ------------------------------------------------------------------ parallel stages
# Each stage runs in its own session (setsid) so that an interrupt can stop all of its processes.
running_pids() { local pid; for pid in "${!pid_stage[@]}"; do echo "$pid"; done; }
stop_all() {
  local pid
  for pid in $(running_pids); do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  exit 130
}
trap stop_all INT TERM

finish_one() {  # wait for any running stage, print its log, record it
  local pid rc=0 stage
  wait -n -p pid "${!pid_stage[@]}" || rc=$?
  stage=${pid_stage[$pid]}
  unset "pid_stage[$pid]"
  echo
  echo "================================ $stage ($log_dir/$stage.log) ================================"
  cat "$log_dir/$stage.log"
  record "$stage" "$([ "$rc" = 0 ] && echo ok || echo FAILED)" "$(seconds "${stage_start[$stage]}" "$(now)")"
}

if [ $stop = 0 ] && [ ${#parallel[@]} -gt 0 ]; then
  mkdir -p "$log_dir"
  echo
  echo ">> running ${#parallel[@]} stages, at most $jobs at a time: ${parallel[*]}"
  echo ">> logs: $log_dir/<stage>.log (each printed when its stage ends)"
  for stage in "${parallel[@]}"; do
    while [ ${#pid_stage[@]} -ge "$jobs" ]; do finish_one; done
    stage_start[$stage]=$(now)
    niceness=10
    [ -n "${priority[$stage]:-}" ] && niceness=0
    setsid -w nice -n "$niceness" "$make_cmd" --no-print-directory "$stage" >"$log_dir/$stage.log" 2>&1 </dev/null &
    pid_stage[$!]=$stage
    echo ">> started $stage$([ "$niceness" = 0 ] && echo ' (priority)' || echo " (nice $niceness)")"
  done
  while [ ${#pid_stage[@]} -gt 0 ]; do finish_one; done
fi

total=$(seconds "$total_start" "$(now)")
echo
echo "================================ summary ==============================="
for stage in "${sequential[@]}" "${parallel[@]}"; do  # in the order given
  [ -n "${result_of[$stage]:-}" ] || continue
  printf '  %-16s %-7s %8ss\n' "$stage" "${result_of[$stage]}" "${time_of[$stage]}"
done
printf '  %-16s %-7s %8ss\n' "total (wall)" "$([ $failed -eq 0 ] && echo ok || echo FAILED)" "$total"
exit $failed
