#!/usr/bin/env bash
# Reproduces the "Performance, wave 2" measurements of docs/benchmarks.md. Never part of CI: the
# benchmarks want a quiet machine (JMH takes a machine-wide lock), and the PostgreSQL one starts
# a throwaway cluster.
#
# Usage: jmh/run-wave2.sh [part...]   parts: stub perfasm vthreads pg (default: all four)
#   stub      JMH: connectionCycle of credpool and HikariCP with the no-pool floors (CycleFloorBenchmark), -prof gc,
#             1 thread (avgt) and 32 threads (sample), three runs
#   perfasm   JMH -prof perfasm on the credpool cycle (needs perf and an hsdis library: Debian's
#             libhsdis0-fcml is used when installed) and async-profiler's cpu flame graph when
#             tools.profiler:async-profiler is in ~/.m2
#   vthreads  io.credpool.jmh.load.VirtualThreadLoad on JDK 25, three runs
#   pg        io.credpool.jmh.load.PostgresLoad on JDK 25 (platform and virtual threads), three runs
# Environment: JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64), RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${RUNS:-3}
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(stub perfasm vthreads pg)

mvn -B -ntp -q -pl jmh -am package -DskipTests
jar=jmh/target/benchmarks.jar
out=jmh/target/wave2
mkdir -p "$out"
short=(-f 1 -wi 3 -i 5 -w 1s -r 1s)

for part in "${parts[@]}"; do
    case "$part" in
    stub)
        for run in $(seq 1 "$RUNS"); do
            java -jar "$jar" 'CycleFloorBenchmark|ConnectionCycleBenchmark' -p pool=credpool,hikari \
                -t 1 -bm avgt -tu ns "${short[@]}" -prof gc \
                -rf json -rff "$out/stub-t1-run$run.json" | tee "$out/stub-t1-run$run.txt"
            java -jar "$jar" 'ConnectionCycleBenchmark.connectionCycle' -p pool=credpool,hikari \
                -t 32 -bm sample -tu ns "${short[@]}" -prof gc \
                -rf json -rff "$out/stub-t32-run$run.json" | tee "$out/stub-t32-run$run.txt"
        done
        ;;
    perfasm)
        hsdis=/usr/lib/x86_64-linux-gnu/libhsdis.so.0
        if [ -e "$hsdis" ] && command -v perf >/dev/null; then
            # HotSpot looks for hsdis-amd64.so on the library path.
            mkdir -p "$out/hsdis" && ln -sf "$hsdis" "$out/hsdis/hsdis-amd64.so"
            # This VM exposes no hardware counters ("Unsupported event: cycles"): sample the cpu-clock
            # software event instead.
            LD_LIBRARY_PATH="$PWD/$out/hsdis" java -jar "$jar" 'ConnectionCycleBenchmark.cycleNotEscaping' \
                -p pool=credpool -t 1 -bm avgt -tu ns "${short[@]}" -prof 'perfasm:events=cpu-clock;hotThreshold=0.05;top=5' \
                > "$out/perfasm-credpool.txt" 2>&1 || echo "perfasm failed: see $out/perfasm-credpool.txt"
            tail -n 40 "$out/perfasm-credpool.txt"
        else
            echo "perfasm skipped: needs perf and $hsdis (apt-get install libhsdis0-fcml)"
        fi
        ap=$(ls ~/.m2/repository/tools/profiler/async-profiler/*/async-profiler-*.jar 2>/dev/null | tail -1 || true)
        if [ -n "$ap" ]; then
            mkdir -p "$out/async-profiler" && unzip -o -q -j "$ap" 'linux-x64/libasyncProfiler.so' -d "$out/async-profiler"
            java -jar "$jar" 'ConnectionCycleBenchmark.cycleNotEscaping' -p pool=credpool,hikari -t 1 -bm avgt -tu ns \
                "${short[@]}" -prof "async:libPath=$PWD/$out/async-profiler/libasyncProfiler.so;event=cpu;output=text;flat=25;traces=0;dir=$PWD/$out/async-profiler" \
                > "$out/async-credpool.txt" 2>&1 || echo "async-profiler failed: see $out/async-credpool.txt"
            tail -n 60 "$out/async-credpool.txt"
        else
            echo "async-profiler skipped: mvn dependency:get -Dartifact=tools.profiler:async-profiler:4.0"
        fi
        ;;
    vthreads)
        for run in $(seq 1 "$RUNS"); do
            "$JDK25/bin/java" -cp "$jar" io.credpool.jmh.load.VirtualThreadLoad | tee "$out/vthreads-run$run.txt"
        done
        ;;
    pg)
        for run in $(seq 1 "$RUNS"); do
            "$JDK25/bin/java" -cp "$jar" io.credpool.jmh.load.PostgresLoad | tee "$out/pg-run$run.txt"
        done
        ;;
    *)
        echo "unknown part: $part (stub perfasm vthreads pg)" >&2
        exit 2
        ;;
    esac
done
