#!/bin/sh
# Run every fuzz target for SECONDS each (default 60), slow paths and memory hogs counted as
# failures: `fuzz/run.sh 600`. Needs a nightly toolchain and cargo-fuzz
# (`rustup toolchain install nightly; cargo install cargo-fuzz`). Prints executions per target;
# crashes land in fuzz/artifacts/TARGET/.
set -u
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
"$here/seed.sh"
cd "$here" || exit 1
status=0
for target in geojson_layer text_document saved_state document_reader; do
    features=""
    [ "$target" = saved_state ] && features="--features gui"
    log="$here/artifacts/$target.log"
    mkdir -p "$here/artifacts/$target"
    # shellcheck disable=SC2086
    cargo +nightly fuzz run $features "$target" "corpus/$target" -- \
        -timeout=10 -rss_limit_mb=2048 -max_len=65536 -max_total_time="$seconds" \
        -print_final_stats=1 \
        > "$log" 2>&1
    code=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    echo "$target: exit $code, ${runs:-?} executions (log: $log)"
    [ "$code" -ne 0 ] && status=1
done
exit $status
