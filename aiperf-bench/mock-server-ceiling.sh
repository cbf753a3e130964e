#!/usr/bin/env bash
# The mock server's ceiling in zero-latency mode, measured with wrk (an independent load tool):
# non-streaming requests/s and streamed tokens/s (max_tokens=256, ignore_eos, so tokens = requests x 256).
# Usage: aiperf-bench/mock-server-ceiling.sh [runs=3] [duration=10s] [connections=64] [threads=2]
# Needs: a built command line (mvn -B -q -pl aiperf-cli -am package -DskipTests) and wrk (apt-get install -y wrk).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
duration="${2:-10s}"
connections="${3:-64}"
threads="${4:-2}"
tokens=256
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

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

body_plain='{"model":"mock-model","messages":[{"role":"user","content":"benchmark the mock server ceiling please"}],"max_tokens":16,"ignore_eos":true}'
body_stream="{\"model\":\"mock-model\",\"messages\":[{\"role\":\"user\",\"content\":\"benchmark the mock server ceiling please\"}],\"max_tokens\":$tokens,\"ignore_eos\":true,\"stream\":true}"
for kind in plain stream; do
  body_var="body_$kind"
  cat >"$work/$kind.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '${!body_var}'
LUA
done

# Requests/s from wrk's summary, failing the run if any response was not 2xx or a socket error occurred.
measure() {
  local lua="$1" out
  out="$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s "$lua" "$url/v1/chat/completions")"
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "wrk reported errors:" >&2; echo "$out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Warm-up (JIT) before measuring.
wrk -t"$threads" -c"$connections" -d3s -s "$work/plain.lua" "$url/v1/chat/completions" >/dev/null
wrk -t"$threads" -c"$connections" -d3s -s "$work/stream.lua" "$url/v1/chat/completions" >/dev/null

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
plain=(); stream=()
for i in $(seq 1 "$runs"); do
  plain+=("$(measure "$work/plain.lua")")
  stream+=("$(measure "$work/stream.lua")")
done
plain_med="$(printf '%s\n' "${plain[@]}" | median)"
stream_med="$(printf '%s\n' "${stream[@]}" | median)"

echo "Mock server ceiling (zero-latency), wrk -t$threads -c$connections -d$duration, $runs runs, $(nproc) cores"
echo "load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg) (wrk and the server share the machine)"
printf '%-44s %14s   %s\n' "measure" "median" "runs"
printf '%-44s %14.0f   %s\n' "non-streaming requests/s (max_tokens 16)" "$plain_med" "${plain[*]}"
printf '%-44s %14.0f   %s\n' "streaming requests/s (max_tokens $tokens)" "$stream_med" "${stream[*]}"
printf '%-44s %14.0f\n' "streamed tokens/s (requests/s x $tokens)" "$(awk -v r="$stream_med" -v t="$tokens" 'BEGIN {print r * t}')"
