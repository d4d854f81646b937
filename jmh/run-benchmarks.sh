#!/usr/bin/env bash
# Runs the pool benchmarks as recorded in docs/benchmarks.md. Never part of CI: JMH wants a quiet
# machine (and takes a machine-wide lock). Usage: jmh/run-benchmarks.sh [threads...]  (default 1 8 32)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl jmh -am package -DskipTests
out=jmh/target/results
mkdir -p "$out"
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 8 32)
for t in "${threads[@]}"; do
    java -jar jmh/target/benchmarks.jar ConnectionCycleBenchmark.connectionCycle -t "$t" -bm thrpt -tu us \
        -rf json -rff "$out/thrpt-t$t.json" | tee "$out/thrpt-t$t.txt"
    java -jar jmh/target/benchmarks.jar ConnectionCycleBenchmark.connectionCycle -t "$t" -bm sample -tu ns \
        -rf json -rff "$out/sample-t$t.json" | tee "$out/sample-t$t.txt"
done
