#!/usr/bin/env bash
# Run `make <stage>` for each stage given, all of them even when one fails, print how long each
# took, and exit non-zero when any failed (a failed `venv` stage stops the run). Used by `make test`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

make_cmd=${MAKE:-make}
declare -a names=() results=() times=()
failed=0
total_start=$(date +%s.%N)

for stage in "$@"; do
  echo
  echo "================================ $stage ================================"
  start=$(date +%s.%N)
  if "$make_cmd" --no-print-directory "$stage"; then result=ok; else result=FAILED; failed=1; fi
  end=$(date +%s.%N)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  echo ">> $stage: $result in ${elapsed}s"
  names+=("$stage"); results+=("$result"); times+=("$elapsed")
  if [ "$stage" = venv ] && [ "$result" != ok ]; then
    echo ">> venv failed: not running the other stages"; break
  fi
done

total=$(awk -v a="$total_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo
echo "================================ summary ==============================="
for i in "${!names[@]}"; do
  printf '  %-12s %-7s %8ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
done
printf '  %-12s %-7s %8ss\n' total "$([ $failed -eq 0 ] && echo ok || echo FAILED)" "$total"
exit $failed
