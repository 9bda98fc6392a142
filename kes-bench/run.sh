#!/usr/bin/env bash
# Runs the whole benchmark set of BENCHMARKS.md in one go (under 15 minutes on 2 cores):
#   1. JMH: the engine against the raw JCA pipeline and Tink (32-byte messages); the cache;
#      1/1,000/100,000 keys with 1 thread (Java 17); the main pairs again on Java 25.
#   2. Paired CPU-time ratios (engine / raw in one JVM, alternating), robust to a busy machine;
#      the same for 1 and 100,000 keys with 1 and 2 threads (KeysPaired).
#   3. Load: the KES server's generate and decrypt routes against bare handlers on the JDK's
#      HttpsServer (bare-*) and on the server's own HTTP layer (layer-*: the fair baseline) at 1
#      and 32 keep-alive connections, and full TLS handshakes, with the server in its own JVM, on
#      Java 17 and Java 25 (virtual threads).
#   4. Time to the first 200 of /v1/ready; resident memory after 100,000 keys were used.
#   5. Starvation: /v1/status latency while silent, slowloris and half-handshake clients hold
#      connections (StarvationDriver), on Java 17 and Java 25.
#   6. Scale-out: 1, 2 and 3 `kes server --config` processes (kes-cli's jar, the newest JDK) on
#      one shared key store (fs directory; kes-keystore-vault's fake of Vault), cache on and off,
#      driven by KesClient with the endpoint list (ScaleOutDriver, alternating slices); then one
#      server killed mid-run.
# Results: kes-bench/target/results/<time>/ (*.json, *.jsonl, summary.md).
#
# Usage: kes-bench/run.sh [--quick] [--skip-build] [--only jmh|paired|load|starvation|startup|rss|scaleout]
#   JAVA17 / JAVA25 override the two JDKs (default: the java on PATH and Temurin 25).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=0
BUILD=1
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --skip-build) BUILD=0 ;;
    --only) ONLY="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

JAVA17=${JAVA17:-$(command -v java)}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA25" ] || { echo "no Java 25 at $JAVA25 (set JAVA25)"; JAVA25=""; }

if [ $QUICK = 1 ]; then
  JMH_TIME=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  LOAD_ARGS=(--seconds 1 --rounds 1 --warmup 1)
  HS_ARGS=(--seconds 1 --rounds 1 --warmup 0)
  PAIRED_ROUNDS=6
  RSS_KEYS=10000
  STARVE_ARGS=(--seconds 5 --warmup 10)
  SCALE_ARGS=(--rounds 1 --warmup 1 --seconds 2)
  KILL_ARGS=(--kill-after 3 --duration 7)
else
  JMH_TIME=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  # Short slices, many rounds: a burst of other work on the machine hits every target alike.
  LOAD_ARGS=(--seconds 1 --rounds 6 --warmup 2)
  HS_ARGS=(--seconds 1.5 --rounds 4 --warmup 1)
  PAIRED_ROUNDS=9
  RSS_KEYS=100000
  STARVE_ARGS=(--seconds 10 --warmup 10)
  SCALE_ARGS=(--rounds 2 --warmup 0.5 --seconds 1.5)
  KILL_ARGS=(--kill-after 4 --duration 8)
fi

if [ $BUILD = 1 ]; then
  echo "== build (kes-bench and the modules it uses, tests skipped)"
  ./mvnw -q -pl kes-bench,kes-cli -am package -DskipTests
fi
OUT="$ROOT/kes-bench/target/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT/lib"
# Run from a copy of this build's jars: another build in the same tree may rewrite target/ meanwhile.
cp -r "$ROOT/kes-bench/target/classes" "$OUT/lib/kes-bench-classes"
CP="$OUT/lib/kes-bench-classes"
IFS=: read -r -a DEPS < "$ROOT/kes-bench/target/bench.classpath" || true  # no final newline
for d in "${DEPS[@]}"; do
  case "$d" in
    "$ROOT"/*) cp "$d" "$OUT/lib/" && CP="$CP:$OUT/lib/$(basename "$d")" ;;
    *) CP="$CP:$d" ;;
  esac
done
{
  echo "date: $(date -u)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
  echo "memory: $(free -m | awk '/Mem:/ {print $2}') MiB"
  echo "java17: $("$JAVA17" -version 2>&1 | head -1)"
  [ -n "$JAVA25" ] && echo "java25: $("$JAVA25" -version 2>&1 | head -1)"
  echo "commit: $(git rev-parse --short HEAD)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"
want() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# use_java java17|java25 [part]: sets $java to that JDK (fails when it is missing) and, with a
# part, $dir to a fresh $OUT/<part>-<jdk> directory.
use_java() {
  java=$JAVA17; [ "$1" = java25 ] && java=$JAVA25
  [ -n "$java" ] || return 1
  if [ -n "${2:-}" ]; then dir="$OUT/$2-$1"; mkdir -p "$dir"; fi
}

jmh() { # jdk label threads regex [extra JMH args...]; TIMES="..." replaces JMH_TIME
  local java=$1 label=$2 threads=$3 regex=$4
  shift 4
  local -a times=("${JMH_TIME[@]}")
  if [ -n "${TIMES:-}" ]; then read -r -a times <<< "$TIMES"; fi
  local name
  name="jmh-$label-t$threads-$(echo "$regex" | tr -c 'a-zA-Z0-9' '_')"
  echo "== JMH $label, $threads thread(s): $regex (load $(load))"
  "$java" -cp "$CP" org.openjdk.jmh.Main "$regex" "${times[@]}" -t "$threads" "$@" \
    -rf json -rff "$OUT/$name.json" > "$OUT/$name.log" 2>&1 || { tail -20 "$OUT/$name.log"; exit 1; }
  grep -E '^[A-Z][A-Za-z]+Bench\.' "$OUT/$name.log" | grep -v ':' || true
}

if want jmh; then
  # Everything once on Java 17 with one thread; the target pairs again on Java 25. Each benchmark
  # forks its own JVM (JMH's default), so the pairs share one JMH run. KeysBench (1 to 100,000
  # keys) is not run here: KeysPaired measures the same in CPU time (the "paired" part), steadier
  # on a shared machine; run it alone with `-f 1 -wi 3 -w 1s -i 5 -r 1s` when wanted (100,000
  # keys warm up slowly). DeriveBench likewise (BENCHMARKS.md §12 gives its command).
  jmh "$JAVA17" java17 1 'GenerateBench|SealBench|TinkBench|HmacBench|CacheBench' -p size=32
  if [ -n "$JAVA25" ]; then
    jmh "$JAVA25" java25 1 'GenerateBench|SealBench.decrypt|TinkBench' -p size=32
  fi
fi

if want paired; then
  for j in java17 java25; do
    use_java $j || continue
    echo "== paired CPU-time ratios, $j (load $(load))"
    "$java" -cp "$CP" io.kesjava.bench.PairedBench --rounds "$PAIRED_ROUNDS" --label "$j" \
      --out "$OUT/paired.jsonl"
    echo "== paired CPU-time ratios at 1 and 100,000 keys, 1 and 2 threads, $j (load $(load))"
    "$java" -cp "$CP" io.kesjava.bench.KeysPaired --keys 100000 --threads 1,2 \
      --rounds "$PAIRED_ROUNDS" --label "$j" --out "$OUT/keys-paired.jsonl"
  done
fi

SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap stop_server EXIT

start_server() { # java dir [args...]
  local java=$1 dir=$2
  shift 2
  rm -f "$dir/ports"
  "$java" -cp "$CP" io.kesjava.bench.server.BenchServer --dir "$dir" "$@" \
    > "$dir/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    [ -f "$dir/ports" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$dir/server.log"; exit 1; }
    sleep 0.1
  done
  echo "server did not start"; exit 1
}

DRIVER=${JAVA25:-$JAVA17}
if want load; then
  for j in java17 java25; do
    use_java $j server || continue
    start_server "$java" "$dir"
    read -r KES BARE _ LAYER < "$dir/ports"
    # bare-*: the JDK's HttpsServer; layer-*: bare handlers on the KES server's own HTTP layer
    # (TLS, connection threads, framing, the client's identity), the fair baseline of KES's routes.
    echo "== load $j: keep-alive, 1/32 connections (load $(load))"
    "$DRIVER" -cp "$CP" io.kesjava.bench.load.LoadDriver --dir "$dir" --label "$j" \
      --out "$OUT/load.jsonl" "${LOAD_ARGS[@]}" --connections 1,32 \
      --target "bare-dek:$BARE:/dek:generate" \
      --target "layer-dek:$LAYER:/dek:generate" \
      --target "kes-generate:$KES:/v1/key/generate/bench-key:generate" \
      --target "layer-dek-decrypt:$LAYER:/dek-decrypt:decrypt" \
      --target "kes-decrypt:$KES:/v1/key/decrypt/bench-key:decrypt"
    echo "== load $j: full TLS handshakes, 8 clients (load $(load))"
    "$DRIVER" -cp "$CP" io.kesjava.bench.load.LoadDriver --dir "$dir" --label "$j" \
      --out "$OUT/load.jsonl" "${HS_ARGS[@]}" --connections 8 --handshake \
      --target "bare-dek:$BARE:/dek:generate" \
      --target "kes-generate:$KES:/v1/key/generate/bench-key:generate"
    stop_server
  done
fi

if want starvation; then
  # The server against clients that never complete a request (docs/hardening.md): 500 silent,
  # 500 slowloris, 200 half handshakes at once, and silent ones alone; /v1/status latency meanwhile.
  for j in java17 java25; do
    use_java $j starvation || continue
    start_server "$java" "$dir" --only-kes
    read -r KES _ _ < "$dir/ports"
    for load_args in "--silent 500 --slowloris 500 --half 200" "--silent 200" "--silent 1200"; do
      echo "== starvation $j: $load_args (load $(load))"
      # shellcheck disable=SC2086
      "$DRIVER" -cp "$CP" io.kesjava.bench.load.StarvationDriver --dir "$dir" --port "$KES" \
        --label "$j" --out "$OUT/starvation.jsonl" $load_args "${STARVE_ARGS[@]}"
    done
    stop_server
  done
fi

if want startup; then
  dir="$OUT/startup"
  mkdir -p "$dir"
  start_server "$JAVA17" "$dir" --only-kes   # writes the credentials the probe uses
  stop_server
  port=$((20000 + RANDOM % 20000))
  # The kes command line as shipped: kes-cli's jar (built above, as ./kes builds it).
  KESJAR="$ROOT/kes-cli/target/kes.jar"
  if [ -f "$KESJAR" ]; then cp "$KESJAR" "$OUT/lib/kes.jar"; KESJAR="$OUT/lib/kes.jar"; fi
  if [ -f "$KESJAR" ]; then
    mkdir -p "$dir/fs"
    cat > "$dir/config.yml" <<EOF
address: 127.0.0.1:$port
admin:
  identity: $(cat "$dir/admin.identity")
tls:
  key: $dir/server.key
  cert: $dir/server.cert
keystore:
  fs:
    path: $dir/fs
EOF
  fi
  for j in java17 java25; do
    use_java $j || continue
    for i in 1 2 3; do
      echo "== startup $j #$i (load $(load))"
      "$DRIVER" -cp "$CP" io.kesjava.bench.load.Startup --dir "$dir" --port "$port" \
        --label "$j-embedded" --out "$OUT/startup.jsonl" -- \
        "$java" -cp "$CP" io.kesjava.bench.server.BenchServer --dir "$dir" --only-kes --kes-port "$port"
      if [ -f "$KESJAR" ]; then
        "$DRIVER" -cp "$CP" io.kesjava.bench.load.Startup --dir "$dir" --port "$port" \
          --label "$j-kes-cli" --out "$OUT/startup.jsonl" -- \
          "$java" -jar "$KESJAR" server --config "$dir/config.yml"
      fi
    done
  done
fi

if want rss; then
  for j in java17 java25; do
    use_java $j rss || continue
    echo "== RSS $j: an empty server, then $RSS_KEYS keys created and each used once (load $(load))"
    start_server "$java" "$dir"
    read -r KES BARE PID < "$dir/ports"
    empty=$("$DRIVER" -cp "$CP" io.kesjava.bench.load.Fetch "$dir" "$BARE" /rss)
    stop_server
    start_server "$java" "$dir" --preload "$RSS_KEYS"
    read -r KES BARE PID < "$dir/ports"
    # before: the keys exist in the store and the cache (creating caches them), none used yet
    before=$("$DRIVER" -cp "$CP" io.kesjava.bench.load.Fetch "$dir" "$BARE" /rss)
    "$DRIVER" -cp "$CP" io.kesjava.bench.load.LoadDriver --dir "$dir" --label "$j" \
      --out "$dir/use.jsonl" --connections 32 --seconds 120 --rounds 1 --warmup 0 \
      --target "kes-generate-keys:$KES:/v1/key/generate/key-:keys:$RSS_KEYS" > /dev/null
    after=$("$DRIVER" -cp "$CP" io.kesjava.bench.load.Fetch "$dir" "$BARE" /rss)
    used=$(grep -o '"requests":[0-9]*' "$dir/use.jsonl" | cut -d: -f2)
    printf '{"label":"%s","target":"rss","keys":%s,"used":%s,"rss_empty":%s,"heap_empty":%s,"rss_before":%s,"heap_before":%s,"rss_after":%s,"heap_after":%s,"load":"%s"}\n' \
      "$j" "$RSS_KEYS" "$used" ${empty% *} ${empty#* } ${before% *} ${before#* } ${after% *} ${after#* } "$(load)" | tee -a "$OUT/rss.jsonl"
    stop_server
  done
fi

SCALE_PIDS=()
stop_scaleout() {
  for p in "${SCALE_PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  SCALE_PIDS=()
}
trap 'stop_server; stop_scaleout' EXIT

wait_file() { # file pid
  for _ in $(seq 1 300); do
    [ -s "$1" ] && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

if want scaleout; then
  KESJAR="$ROOT/kes-cli/target/kes.jar"
  [ -f "$OUT/lib/kes.jar" ] || cp "$KESJAR" "$OUT/lib/kes.jar"
  KESJAR="$OUT/lib/kes.jar"
  SJAVA=${JAVA25:-$JAVA17}   # the runtime ./kes picks: the newest JDK 21+
  base="$OUT/scaleout"
  mkdir -p "$base"
  "$DRIVER" -cp "$CP" io.kesjava.bench.load.ScaleOutDriver --setup "$base"
  "$SJAVA" -cp "$CP" io.kesjava.keystore.vault.BenchVaultFake "$base" > "$base/vault.log" 2>&1 &
  VAULT_PID=$!
  wait_file "$base/vault.endpoint" "$VAULT_PID" || { cat "$base/vault.log"; exit 1; }
  VAULT=$(cat "$base/vault.endpoint")
  for store in fs vault; do
    for cache in on off; do
      run="$base/$store-cache-$cache"
      mkdir -p "$run"
      eps=""; pids=""; counts=""
      for i in 1 2 3; do
        port=$((20000 + RANDOM % 20000))
        if [ $store = fs ]; then
          section="    fs:
      path: $base/fs-keys"
        else
          section="    vault:
      endpoint: $VAULT
      engine: kv
      version: v1
      prefix: bench
      approle:
        engine: approle
        id: kes-bench-role
        secret: kes-bench-secret"
        fi
        if [ $cache = on ]; then expiry="any: 5m
    unused: 30s"; else expiry="any: 1ns"; fi
        cat > "$run/config-$i.yml" <<EOF
address: 127.0.0.1:$port
admin:
  identity: $(cat "$base/admin.identity")
tls:
  key: $base/server.key
  cert: $base/server.cert
cache:
  expiry:
    $expiry
log:
  error: on
  audit: off
keystore:
  bench-counted:
    counts: $run/counts-$i
$section
EOF
        "$SJAVA" -cp "$KESJAR:$OUT/lib/kes-bench-classes" io.kesjava.cli.KesMain server \
          --config "$run/config-$i.yml" > "$run/server-$i.log" 2>&1 &
        SCALE_PIDS+=($!)
        eps="$eps${eps:+,}https://127.0.0.1:$port"; pids="$pids${pids:+,}$!"
        counts="$counts${counts:+,}$run/counts-$i"
        wait_file "$run/counts-$i" "$!" || { cat "$run/server-$i.log"; exit 1; }
        for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
      done
      echo "== scale-out $store, cache $cache: 1, 2, 3 servers (load $(load))"
      "$DRIVER" -cp "$CP" io.kesjava.bench.load.ScaleOutDriver --dir "$base" \
        --label "$store-cache-$cache" --endpoints "$eps" --pids "$pids" --counts "$counts" \
        --servers 1,2,3 "${SCALE_ARGS[@]}" --out "$OUT/scaleout.jsonl"
      if [ $cache = on ]; then
        echo "== scale-out $store, cache on: 3 servers, the third killed (load $(load))"
        "$DRIVER" -cp "$CP" io.kesjava.bench.load.ScaleOutDriver --dir "$base" \
          --label "$store-cache-on" --endpoints "$eps" --pids "$pids" --counts "$counts" \
          "${KILL_ARGS[@]}" --out "$OUT/scaleout.jsonl"
      fi
      stop_scaleout
    done
  done
  kill "$VAULT_PID" 2>/dev/null || true
  wait "$VAULT_PID" 2>/dev/null || true
fi

"$JAVA17" -cp "$CP" io.kesjava.bench.Summary "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
echo "results: $OUT"
