#!/usr/bin/env bash
# Cold start: process start -> first secret received, credpool-aws vs the AWS SDK v2
# SecretsManagerClient (url-connection HTTP client), in fresh JVMs against one local HTTPS fake
# Secrets Manager. Writes the medians to docs/benchmarks.md (section "Cold start: credpool-aws vs
# AWS SDK v2"; other sections are left alone).
#
# Usage: jmh/coldstart/run.sh [--runs N] [--warmup N] [--class-runs N] [--no-reference] [--no-recipe]
#                             [--before DIR] [--no-doc] [--keep]
#   --runs N        timed runs per client, after the warm-up (default 11)
#   --warmup N      warm-up runs per client, not counted (default 2)
#   --class-runs N  extra runs per client with -Xlog:class+load, for the class counts (default 3)
#   --no-reference  skip the reference points (a bare JVM; one HTTPS POST with java.net.http and with
#                   HttpsURLConnection; credpool-aws with its INFO log lines switched off)
#   --no-recipe     skip the Lambda recipe runs: credpool-aws (module path) and the SDK each with its own
#                   AppCDS archive (made by one training run with -XX:ArchiveClassesAtExit, then used with
#                   -XX:SharedArchiveFile) and -XX:TieredStopAtLevel=1, timed interleaved with the rest
#   --before DIR    also time credpool-aws (module path) with credpool-core.jar and credpool-aws.jar from
#                   DIR (e.g. built from an earlier commit), interleaved: a before/after in one run
#   --no-doc        print the section instead of writing docs/benchmarks.md
#   --keep          keep the work directory (jars, class-load logs, raw results)
# Environment: JAVA (default: java on PATH) is the JVM measured; the build uses mvn and javac.
#
# Not part of the Maven build or CI. Needs the network only for Maven Central (the SDK jars).
# What is measured, per client and run, inside the child at the moment the secret is in hand:
#   wall (launch)  = child's System.currentTimeMillis() - this script's $EPOCHREALTIME just before exec
#   wall (process) = the same instant - ProcessHandle.current().info().startInstant() (10 ms ticks)
#   CPU            = ProcessHandle.current().info().totalCpuDuration() (utime+stime of all threads)
#   JIT CPU        = utime+stime of the C1/C2 compiler threads (/proc/self/task), read after the above
#   classes        = lines of -Xlog:class+load before the benchmark's marker class (separate runs, so
#                    the logging does not slow the timed runs)
#   jar bytes      = the library jars on the path (the benchmark's own one-class jars and the JDK excluded)
set -euo pipefail

RUNS=11
WARMUP=2
CLASS_RUNS=3
REFERENCE=1
RECIPE=1
BEFORE_DIR=
WRITE_DOC=1
KEEP=0
ARGS=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --class-runs) CLASS_RUNS=$2; shift 2 ;;
        --no-reference) REFERENCE=0; shift ;;
        --no-recipe) RECIPE=0; shift ;;
        --before) BEFORE_DIR=$(cd "$2" && pwd); shift 2 ;;
        --no-doc) WRITE_DOC=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAVA=$(command -v "${JAVA:-java}")
JAVA_HOME_DIR=$(dirname "$(dirname "$(readlink -f "$JAVA")")")
KEYTOOL="$JAVA_HOME_DIR/bin/keytool"
JAVAC="$JAVA_HOME_DIR/bin/javac"
JAR="$JAVA_HOME_DIR/bin/jar"
[ -x "$JAVAC" ] || JAVAC=$(command -v javac)
[ -x "$JAR" ] || JAR=$(command -v jar)
[ -x "$KEYTOOL" ] || KEYTOOL=$(command -v keytool)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/credpool-coldstart.XXXXXX")
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$KEEP" = 1 ]; then
        echo "work directory kept: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

say() { echo "[coldstart] $*" >&2; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 1. credpool's jars, from this checkout -------------------------------------------------------
say "building credpool core + spi-aws (mvn -pl spi-aws -am package -DskipTests)"
(cd "$ROOT" && mvn -B -ntp -q -pl spi-aws -am package -DskipTests)
mkdir -p "$WORK/credpool-lib"
cp "$(ls "$ROOT"/core/target/credpool-core-*.jar | grep -v -e '-sources' -e '-javadoc' -e '-tests' | head -1)" \
    "$WORK/credpool-lib/credpool-core.jar"
cp "$(ls "$ROOT"/spi-aws/target/credpool-aws-*.jar | grep -v -e '-sources' -e '-javadoc' -e '-tests' | head -1)" \
    "$WORK/credpool-lib/credpool-aws.jar"
CREDPOOL_JARS=("$WORK/credpool-lib/credpool-core.jar" "$WORK/credpool-lib/credpool-aws.jar")
BEFORE_JARS=()
if [ -n "$BEFORE_DIR" ]; then
    mkdir -p "$WORK/before-lib"
    cp "$BEFORE_DIR/credpool-core.jar" "$BEFORE_DIR/credpool-aws.jar" "$WORK/before-lib/"
    BEFORE_JARS=("$WORK/before-lib/credpool-core.jar" "$WORK/before-lib/credpool-aws.jar")
fi

# --- 2. the SDK's jars, from Maven Central (or ~/.m2) ---------------------------------------------
say "resolving the AWS SDK v2 class path (jmh/coldstart/sdk/pom.xml)"
mvn -B -ntp -q -f "$HERE/sdk/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$WORK/sdk-lib" -DincludeScope=runtime
SDK_JARS=()
while IFS= read -r j; do SDK_JARS+=("$j"); done < <(ls "$WORK"/sdk-lib/*.jar | LC_ALL=C sort)
join() { local IFS=:; echo "$*"; }

# --- 3. a self-signed certificate for 127.0.0.1, and a truststore holding only it -----------------
say "making a self-signed certificate with keytool"
mkdir -p "$WORK/tls"
"$KEYTOOL" -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext SAN=ip:127.0.0.1,dns:localhost -validity 2 -storetype PKCS12 \
    -keystore "$WORK/tls/server.p12" -storepass changeit -keypass changeit >/dev/null 2>&1
"$KEYTOOL" -exportcert -alias server -keystore "$WORK/tls/server.p12" -storepass changeit \
    -file "$WORK/tls/server.cer" >/dev/null 2>&1
"$KEYTOOL" -importcert -noprompt -alias server -file "$WORK/tls/server.cer" -storetype PKCS12 \
    -keystore "$WORK/tls/truststore.p12" -storepass changeit >/dev/null 2>&1

# --- 4. the small mains ---------------------------------------------------------------------------
say "compiling the fake endpoint and the clients"
SRC="$HERE/src"
COMMON="$SRC/common/coldstart/common/Arrived.java"   # compiled into every main
mkdir -p "$WORK/classes/server" "$WORK/classes/credpool-mp" "$WORK/classes/credpool-cp" "$WORK/classes/sdk" \
    "$WORK/classes/reference" "$WORK/main"
# The same javac options for every main; string concatenation as StringBuilder (no invokedynamic),
# as spi-aws itself is compiled, so that no main pays a bootstrap the libraries do not.
MAIN_JAVAC=("$JAVAC" --release 17 -XDstringConcat=inline)
"$JAVAC" --release 17 -d "$WORK/classes/server" "$SRC/server/coldstart/server/FakeSecretsManager.java"
# The same credpool sources, compiled once as a module and once for the class path.
"${MAIN_JAVAC[@]}" -p "$(join "${CREDPOOL_JARS[@]}")" -d "$WORK/classes/credpool-mp" \
    "$SRC/credpool/module-info.java" "$SRC"/credpool/coldstart/credpool/*.java "$COMMON"
"${MAIN_JAVAC[@]}" -cp "$(join "${CREDPOOL_JARS[@]}")" -d "$WORK/classes/credpool-cp" \
    "$SRC"/credpool/coldstart/credpool/*.java "$COMMON"
"${MAIN_JAVAC[@]}" -cp "$(join "${SDK_JARS[@]}")" -d "$WORK/classes/sdk" "$SRC"/sdk/coldstart/sdk/*.java "$COMMON"
"${MAIN_JAVAC[@]}" -d "$WORK/classes/reference" "$SRC"/reference/coldstart/reference/*.java "$COMMON"
for m in credpool-mp credpool-cp sdk reference; do
    "$JAR" --create --file "$WORK/main/$m.jar" -C "$WORK/classes/$m" .
done

# --- 5. the fake Secrets Manager: one long-lived process for every run ----------------------------
ACCESS_KEY_ID=AKIDCOLDSTART0EXAMPLE
SECRET_ID=coldstart/db
say "starting the fake Secrets Manager (HTTPS, 127.0.0.1)"
"$JAVA" -cp "$WORK/classes/server" coldstart.server.FakeSecretsManager "$WORK/tls/server.p12" changeit \
    "$ACCESS_KEY_ID" "$SECRET_ID" "$WORK/port" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 600); do
    [ -s "$WORK/port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; exit 1; }
    sleep 0.1
done
[ -s "$WORK/port" ] || { echo "the fake endpoint did not start" >&2; exit 1; }
ENDPOINT="https://127.0.0.1:$(cat "$WORK/port")"

# --- 6. the runs ------------------------------------------------------------------------------------
# Both clients get the same, otherwise empty, environment and the same JVM options; only the path
# and the main differ. No JVM tuning flags: JDK defaults (G1, tiered JIT, default CDS archive).
mkdir -p "$WORK/home" "$WORK/cwd" "$WORK/logs" "$WORK/out"
CHILD_ENV=(
    PATH=/usr/bin:/bin
    HOME="$WORK/home"
    LANG=C.UTF-8
    APP_ENV=production
    AWS_REGION=us-east-1
    AWS_ACCESS_KEY_ID="$ACCESS_KEY_ID"
    AWS_SECRET_ACCESS_KEY=coldstartSecretKey0000000000000000EXAMPLE
    AWS_SECRET_NAME="$SECRET_ID"
    AWS_ENDPOINT_URL_SECRETS_MANAGER="$ENDPOINT"
    AWS_EC2_METADATA_DISABLED=true
)
JVM_OPTS=(
    -Djavax.net.ssl.trustStore="$WORK/tls/truststore.p12"
    -Djavax.net.ssl.trustStorePassword=changeit
    -Djavax.net.ssl.trustStoreType=PKCS12
)
VARIANTS=(credpool-mp credpool-cp sdk)
if [ "$REFERENCE" = 1 ]; then
    VARIANTS+=(ref-jvm ref-jdkhttp ref-urlconnection credpool-mp-quiet)
fi
if [ -n "$BEFORE_DIR" ]; then
    VARIANTS+=(credpool-mp-before)
fi
if [ "$RECIPE" = 1 ]; then
    VARIANTS+=(credpool-mp-recipe sdk-recipe)
fi
# The Lambda recipe: an AppCDS archive per client (see "training" below) and C1 only.
mkdir -p "$WORK/cds"
RECIPE_OPTS="-XX:TieredStopAtLevel=1"
# For the reference point "credpool-aws without its INFO lines": the io.credpool logger at WARNING.
printf '%s\n' 'handlers = java.util.logging.ConsoleHandler' 'io.credpool.level = WARNING' > "$WORK/quiet-logging.properties"
launch_args() {
    case "$1" in
        credpool-mp) echo "-p $(join "${CREDPOOL_JARS[@]}" "$WORK/main/credpool-mp.jar") -m coldstart.credpool/coldstart.credpool.Main" ;;
        credpool-cp) echo "-cp $(join "${CREDPOOL_JARS[@]}" "$WORK/main/credpool-cp.jar") coldstart.credpool.Main" ;;
        sdk) echo "-cp $(join "${SDK_JARS[@]}" "$WORK/main/sdk.jar") coldstart.sdk.Main" ;;
        ref-jvm) echo "-cp $WORK/main/reference.jar coldstart.reference.Hello" ;;
        ref-jdkhttp) echo "-cp $WORK/main/reference.jar coldstart.reference.JdkHttpPost" ;;
        ref-urlconnection) echo "-cp $WORK/main/reference.jar coldstart.reference.UrlConnectionPost" ;;
        credpool-mp-quiet) echo "-Djava.util.logging.config.file=$WORK/quiet-logging.properties $(launch_args credpool-mp)" ;;
        credpool-mp-before) echo "-p $(join "${BEFORE_JARS[@]}" "$WORK/main/credpool-mp.jar") -m coldstart.credpool/coldstart.credpool.Main" ;;
        credpool-mp-recipe) echo "-XX:SharedArchiveFile=$WORK/cds/credpool-mp.jsa $RECIPE_OPTS $(launch_args credpool-mp)" ;;
        sdk-recipe) echo "-XX:SharedArchiveFile=$WORK/cds/sdk.jsa $RECIPE_OPTS $(launch_args sdk)" ;;
    esac
}
RESULTS="$WORK/results.tsv"
printf 'variant\tkind\trun\tlaunch_s\tarrived_ms\tstart_ms\tcpu_ns\tjit_ms\n' > "$RESULTS"

# run_one VARIANT KIND RUN [extra JVM option...]
run_one() {
    local variant=$1 kind=$2 run=$3; shift 3
    local base="$WORK/out/$variant-$kind-$run"
    local -a target
    read -r -a target <<< "$(launch_args "$variant")"
    (
        cd "$WORK/cwd"
        printf '%s' "$EPOCHREALTIME" > "$base.t0"
        exec env -i "${CHILD_ENV[@]}" "$JAVA" "${JVM_OPTS[@]}" "$@" "${target[@]}"
    ) > "$base.out" 2> "$base.err" || {
        echo "run $variant/$kind/$run failed (exit $?):" >&2
        cat "$base.out" "$base.err" >&2
        exit 1
    }
    local line
    line=$(grep '^COLDSTART ' "$base.out") || { echo "no COLDSTART line from $variant/$kind/$run" >&2; cat "$base.err" >&2; exit 1; }
    case "$line" in *" ok=true"*) ;; *) echo "wrong secret from $variant/$kind/$run: $line" >&2; exit 1 ;; esac
    local arrived start cpu jit
    arrived=$(sed -n 's/.* arrived_ms=\([0-9-]*\).*/\1/p' <<< "$line")
    start=$(sed -n 's/.* start_ms=\([0-9-]*\).*/\1/p' <<< "$line")
    cpu=$(sed -n 's/.* cpu_ns=\([0-9-]*\).*/\1/p' <<< "$line")
    jit=$(sed -n 's/.* jit_ms=\([0-9-]*\).*/\1/p' <<< "$line")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$kind" "$run" "$(cat "$base.t0")" "$arrived" "$start" "$cpu" "$jit" >> "$RESULTS"
}

n=${#VARIANTS[@]}
if [ "$RECIPE" = 1 ]; then
    # Training: one run of each client, as it will run, dumping the classes it loaded (JDK, library
    # and generated lambda classes) into a dynamic AppCDS archive on top of the JDK's default one.
    say "recipe: training runs with -XX:ArchiveClassesAtExit"
    for c in credpool-mp sdk; do
        run_one "$c" training 1 "-XX:ArchiveClassesAtExit=$WORK/cds/$c.jsa"
        [ -s "$WORK/cds/$c.jsa" ] || { echo "no archive from the training run of $c" >&2; cat "$WORK/out/$c-training-1.err" >&2; exit 1; }
    done
fi
say "warm-up: $WARMUP run(s) per client"
for ((i = 1; i <= WARMUP; i++)); do
    for v in "${VARIANTS[@]}"; do run_one "$v" warmup "$i"; done
done
say "timed: $RUNS run(s) per client, interleaved, order rotated each round"
for ((i = 1; i <= RUNS; i++)); do
    for ((k = 0; k < n; k++)); do run_one "${VARIANTS[$(( (i + k) % n ))]}" timed "$i"; done
    say "  round $i/$RUNS done"
done
say "class counts: $CLASS_RUNS run(s) per client with -Xlog:class+load"
for ((i = 1; i <= CLASS_RUNS; i++)); do
    for v in "${VARIANTS[@]}"; do
        run_one "$v" classes "$i" "-Xlog:class+load=info:file=$WORK/logs/$v-$i.log"
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# Every request must have been a well-formed GetSecretValue (the fake says so when it stops).
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
if ! grep -q 'refused 0$' "$WORK/server.err"; then
    echo "the fake endpoint refused some requests:" >&2; cat "$WORK/server.err" >&2; exit 1
fi
say "$(tail -1 "$WORK/server.err")"

# --- 7. medians, and the section of docs/benchmarks.md ----------------------------------------------
sizes() { local total=0 s; for f in "$@"; do s=$(stat -c %s "$f"); total=$((total + s)); done; echo "$total"; }
CMD="jmh/coldstart/run.sh${ARGS[*]:+ ${ARGS[*]}}"
REPORT_ARGS=(
    "results=$RESULTS"
    "logs=$WORK/logs"
    "doc=$ROOT/docs/benchmarks.md"
    "write=$WRITE_DOC"
    "command=$CMD"
    "date=$(date -u +%Y-%m-%dT%H:%MZ)"
    "jdk=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p') ($("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.name = //p'))"
    "os=$(uname -sr)"
    "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    "nproc=$(nproc)"
    "load_before=$LOAD_BEFORE"
    "load_after=$LOAD_AFTER"
    "runs=$RUNS"
    "warmup=$WARMUP"
    "class_runs=$CLASS_RUNS"
    "jar_bytes.credpool-mp=$(sizes "${CREDPOOL_JARS[@]}")"
    "jar_bytes.credpool-cp=$(sizes "${CREDPOOL_JARS[@]}")"
    "jar_bytes.sdk=$(sizes "${SDK_JARS[@]}")"
    "jar_count.credpool-mp=${#CREDPOOL_JARS[@]}"
    "jar_count.credpool-cp=${#CREDPOOL_JARS[@]}"
    "jar_count.sdk=${#SDK_JARS[@]}"
    "variants=${VARIANTS[*]}"
    "recipe_opts=$RECIPE_OPTS"
    "cds_bytes.credpool-mp=$( [ -s "$WORK/cds/credpool-mp.jsa" ] && stat -c %s "$WORK/cds/credpool-mp.jsa" || echo 0)"
    "cds_bytes.sdk=$( [ -s "$WORK/cds/sdk.jsa" ] && stat -c %s "$WORK/cds/sdk.jsa" || echo 0)"
)
"$JAVA" "$SRC/report/Report.java" "${REPORT_ARGS[@]}"
