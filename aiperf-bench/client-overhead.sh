#!/usr/bin/env bash
# Client overhead: what one `aiperf profile` run sustains against the zero-latency mock server, as a fraction of
# the server's ceiling measured by an independent tool (wrk) in the same sitting, with the same concurrency.
# One mock server process (bin/aiperf mock-server --mode zero) serves everything; each repetition runs, in turn,
#   wrk non-streaming  -> aiperf profile non-streaming  -> wrk streaming  -> aiperf profile streaming
# and the ratio of each pair is taken, so slow phases of a shared machine hit both sides of a ratio alike.
# Medians over the repetitions are printed.
#
# Usage: aiperf-bench/client-overhead.sh [runs=3] [seconds=10] [concurrency=64] [warmup-requests=2000]
# Needs: a built engine (mvn -B -q -o -pl aiperf-engine,aiperf-bench package -DskipTests), wrk
# (apt-get install -y wrk; installed here when missing and running as root) and python3 (reads the exports).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
seconds="${2:-10}"
concurrency="${3:-64}"
warmup="${4:-2000}"
plain_tokens=16
stream_tokens=256
threads=2
model=mock-model

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  fi
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
fi
command -v python3 >/dev/null || { echo "python3 is missing (it reads profile_export_aiperf.json)" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$root/bin/aiperf" mock-server --mode zero --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  grep -q "listening on" "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.25
done
url="$(awk '/listening on/ {print $NF}' "$work/server.log")"
[ -n "$url" ] || { echo "mock server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

prompt="measure the client overhead against the mock"
for kind in plain stream; do
  if [ "$kind" = plain ]; then extra="\"max_tokens\":$plain_tokens,\"ignore_eos\":true"
  else extra="\"max_tokens\":$stream_tokens,\"ignore_eos\":true,\"stream\":true"; fi
  cat >"$work/$kind.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"$model","messages":[{"role":"user","content":"$prompt"}],$extra}'
LUA
done

# wrk's requests/s, failing on any non-2xx response or socket error.
ceiling() {
  local out
  out="$(wrk -t"$threads" -c"$concurrency" -d"${seconds}s" --timeout 10s -s "$work/$1.lua" "$url/v1/chat/completions")"
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "wrk reported errors:" >&2; echo "$out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}

# One aiperf run (a fresh JVM, with an excluded warmup phase first); prints
# "request_throughput output_token_throughput output_sequence_length_avg errors".
client() {
  local kind="$1" dir="$work/client-$1-$2" flags=(--osl "$plain_tokens")
  [ "$kind" = stream ] && flags=(--streaming --osl "$stream_tokens")
  "$root/bin/aiperf" profile --url "$url" -m "$model" --concurrency "$concurrency" --benchmark-duration "$seconds" \
      --warmup-request-count "$warmup" --isl 8 "${flags[@]}" --random-seed 1 --ui none --artifact-dir "$dir" \
      >"$dir.log" 2>&1 || { echo "aiperf profile failed:" >&2; cat "$dir.log" >&2; exit 1; }
  python3 - "$dir/profile_export_aiperf.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(d["request_throughput"]["avg"], d["output_token_throughput"]["avg"], d["output_sequence_length"]["avg"],
      d["error_request_count"]["avg"])
PY
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

# Warm the server's JIT with both request shapes before measuring.
wrk -t"$threads" -c"$concurrency" -d3s -s "$work/plain.lua" "$url/v1/chat/completions" >/dev/null
wrk -t"$threads" -c"$concurrency" -d3s -s "$work/stream.lua" "$url/v1/chat/completions" >/dev/null

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "run  wrk req/s  aiperf req/s  ratio | wrk stream req/s  wrk tokens/s  aiperf tokens/s  (aiperf req/s, OSL)  ratio"
wp=(); cp=(); rp=(); ws=(); wt=(); ct=(); rt=(); cs=()
for i in $(seq 1 "$runs"); do
  w_plain="$(ceiling plain)"
  read -r c_plain _ _ e_plain <<<"$(client plain "$i")"
  w_stream="$(ceiling stream)"
  read -r c_sreq c_stok c_osl e_stream <<<"$(client stream "$i")"
  w_tok="$(awk -v r="$w_stream" -v t="$stream_tokens" 'BEGIN {print r * t}')"
  awk -v e1="$e_plain" -v e2="$e_stream" 'BEGIN {exit !(e1 + e2 > 0)}' \
      && { echo "aiperf counted errors ($e_plain, $e_stream) in run $i" >&2; exit 1; }
  wp+=("$w_plain"); cp+=("$c_plain"); rp+=("$(ratio "$c_plain" "$w_plain")")
  ws+=("$w_stream"); wt+=("$w_tok"); ct+=("$c_stok"); cs+=("$c_sreq"); rt+=("$(ratio "$c_stok" "$w_tok")")
  printf '%3d %10.0f %13.0f %6s | %16.0f %13.0f %16.0f  (%6.0f, %6.1f) %6s\n' "$i" "$w_plain" "$c_plain" \
      "${rp[-1]}" "$w_stream" "$w_tok" "$c_stok" "$c_sreq" "$c_osl" "${rt[-1]}"
done
m() { printf '%s\n' "$@" | median; }
echo
echo "Client overhead vs zero-latency mock ceiling: $runs interleaved repetitions of ${seconds} s each,"
echo "concurrency $concurrency (wrk -t$threads -c$concurrency; aiperf profile --concurrency $concurrency after"
echo "$warmup warmup requests), $(nproc) cores shared by server, wrk and client; load average before / after:"
echo "$load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-52s %14s %14s %8s\n' "median" "wrk ceiling" "aiperf" "ratio"
printf '%-52s %14.0f %14.0f %8s\n' "non-streaming requests/s (max_tokens $plain_tokens)" "$(m "${wp[@]}")" \
    "$(m "${cp[@]}")" "$(m "${rp[@]}")"
printf '%-52s %14.0f %14.0f %8s\n' "streamed tokens/s (max_tokens $stream_tokens; wrk: req/s x $stream_tokens)" \
    "$(m "${wt[@]}")" "$(m "${ct[@]}")" "$(m "${rt[@]}")"
printf '%-52s %14.0f %14.0f\n' "streaming requests/s" "$(m "${ws[@]}")" "$(m "${cs[@]}")"
