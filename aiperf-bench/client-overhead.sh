#!/usr/bin/env bash
# Client overhead: what one `aiperf profile` run sustains against the zero-latency mock server, as a fraction of
# the server's ceiling measured by an independent tool (wrk) in the same sitting, with the same concurrency.
# One mock server process (bin/aiperf mock-server --mode zero) serves everything; each repetition runs, in turn,
#   wrk non-streaming  -> aiperf profile non-streaming  -> wrk streaming  -> aiperf profile streaming
# and the ratio of each pair is taken, so slow phases of a shared machine hit both sides of a ratio alike.
# Medians over the repetitions are printed.
#
# On a machine shared with other work, wall-clock rates mostly measure each process's share of the CPU (the
# scheduler shares by runnable thread, so a 2-thread wrk fares worse than a many-threaded JVM). The script
# therefore also counts CPU time per request: the server's (from /proc, during each measurement), wrk's and the
# client's (during its profiling phase; see client() below). On an otherwise idle 2-core machine, where server and load tool share the cores, a run
# sustains 2 / (server + tool CPU per request), so the CPU ratio printed is
#   (server + wrk CPU per request) / (server + aiperf CPU per request)  = aiperf rate / wrk rate on an idle machine.
#
# Usage: aiperf-bench/client-overhead.sh [runs=3] [seconds=30] [concurrency=64] [warmup-requests=3000]
# Needs: a built command line (mvn -B -q -o -pl aiperf-cli,aiperf-bench -am package -DskipTests), wrk
# (apt-get install -y wrk; installed here when missing and running as root), python3 and /usr/bin/time
# (it counts wrk's CPU).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
seconds="${2:-30}"
concurrency="${3:-64}"
warmup="${4:-3000}"
plain_tokens=16
stream_tokens=256
threads=2
model=mock-model
tick="$(getconf CLK_TCK)"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  fi
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
fi
command -v python3 >/dev/null || { echo "python3 is missing (it reads profile_export_aiperf.json)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install -y time" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# exec: the server's pid is the JVM's, so /proc/<pid>/stat counts the server's own CPU.
AIPERF_JAVA_OPTS="${AIPERF_JAVA_OPTS:-}" "$root/bin/aiperf" mock-server --mode zero --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  grep -q "listening on" "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.25
done
url="$(awk '/listening on/ {print $NF}' "$work/server.log")"
[ -n "$url" ] || { echo "mock server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

# CPU seconds (user + sys) the server process has used so far.
server_cpu() { awk -v t="$tick" '{sub(/^.*\) /, ""); print ($12 + $13) / t}' "/proc/$server_pid/stat"; }

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

# One wrk measurement; prints "requests/s server-cpu-us/request wrk-cpu-us/request". Fails on any non-2xx
# response or socket error.
ceiling() {
  local out s0 s1
  s0="$(server_cpu)"
  out="$(/usr/bin/time -f "cpu %U %S" wrk -t"$threads" -c"$concurrency" -d"${seconds}s" --timeout 10s \
      -s "$work/$1.lua" "$url/v1/chat/completions" 2>&1)"
  s1="$(server_cpu)"
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "wrk reported errors:" >&2; echo "$out" >&2; exit 1; fi
  awk -v s0="$s0" -v s1="$s1" '/^Requests\/sec:/ {rps = $2} / requests in / {n = $1} /^cpu / {c = $2 + $3}
      END {printf "%s %.1f %.1f\n", rps, (s1 - s0) / n * 1e6, c / n * 1e6}' <<<"$out"
}

# CPU seconds (user + sys) process $1 has used so far, empty once it has gone.
cpu_of() { awk -v t="$tick" '{sub(/^.*\) /, ""); print ($12 + $13) / t}' "/proc/$1/stat" 2>/dev/null || true; }

# One aiperf run (a fresh JVM, with an excluded warmup phase first); prints "request_throughput
# output_token_throughput output_sequence_length_avg errors server-cpu-us/request aiperf-cpu-us/request".
# CPU is counted over the profiling phase only: from the first sample that finds profiling records in
# profile_export.jsonl (warmup records are not written there) to the last sample at which records were still arriving (sampled every 0.2 s), so JVM
# start, JIT warm-up and writing the final artifacts are not charged. Records reach the file through a buffer,
# which shifts both ends of the window alike.
client() {
  local kind="$1" dir="$work/client-$1-$2" flags=(--osl "$plain_tokens") pid lines c s
  local n0="" c0="" s0="" n1="" c1="" s1=""
  [ "$kind" = stream ] && flags=(--streaming --osl "$stream_tokens")
  "$root/bin/aiperf" profile --url "$url" -m "$model" --concurrency "$concurrency" --benchmark-duration "$seconds" \
      --warmup-request-count "$warmup" --isl 8 "${flags[@]}" --random-seed 1 --ui none --artifact-dir "$dir" \
      >"$dir.log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    c="$(cpu_of "$pid")"; s="$(server_cpu)"
    lines="$( (wc -l <"$dir/profile_export.jsonl") 2>/dev/null || echo 0)"
    if [ -z "$n0" ] && [ "$lines" -ge 1 ] && [ -n "$c" ]; then n0="$lines"; c0="$c"; s0="$s"; fi
    if [ -n "$n0" ] && [ -n "$c" ] && [ "$lines" -gt "${n1:-$n0}" ]; then n1="$lines"; c1="$c"; s1="$s"; fi
    sleep 0.2
  done
  wait "$pid" || { echo "aiperf profile failed:" >&2; cat "$dir.log" >&2; exit 1; }
  [ -n "$n1" ] || { echo "aiperf profile ($kind) finished before its profiling phase could be sampled" >&2; exit 1; }
  python3 - "$dir/profile_export_aiperf.json" "$n0" "$n1" "$c0" "$c1" "$s0" "$s1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n0, n1, c0, c1, s0, s1 = map(float, sys.argv[2:])
n = n1 - n0
print(d["request_throughput"]["avg"], d["output_token_throughput"]["avg"], d["output_sequence_length"]["avg"],
      d["error_request_count"]["avg"], "%.1f" % ((s1 - s0) / n * 1e6), "%.1f" % ((c1 - c0) / n * 1e6))
PY
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
cpu_ratio() { awk -v s="$1" -v w="$2" -v s2="$3" -v c="$4" 'BEGIN {printf "%.3f", (s + w) / (s2 + c)}'; }

# Warm the server's JIT with both request shapes before measuring.
wrk -t"$threads" -c"$concurrency" -d3s -s "$work/plain.lua" "$url/v1/chat/completions" >/dev/null
wrk -t"$threads" -c"$concurrency" -d3s -s "$work/stream.lua" "$url/v1/chat/completions" >/dev/null

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPU columns: microseconds of CPU per request, server/tool (server under wrk, wrk; server under aiperf, aiperf)"
printf '%-3s %-7s %10s %10s %7s %12s %12s %14s %8s %8s\n' run kind "wrk req/s" "aiperf r/s" ratio \
    "cpu s/wrk" "cpu s/aiperf" "aiperf tok/s" OSL "cpu rat."
declare -A col
add() { col[$1]="${col[$1]:-} $2"; }
for i in $(seq 1 "$runs"); do
  for kind in plain stream; do
    read -r w_rps w_srv w_cpu <<<"$(ceiling "$kind")"
    [ -n "$w_rps" ] || exit 1
    read -r c_rps c_tok c_osl c_err c_srv c_cpu <<<"$(client "$kind" "$i")"
    [ -n "$c_cpu" ] || exit 1
    awk -v e="$c_err" 'BEGIN {exit !(e > 0)}' && { echo "aiperf counted $c_err errors ($kind, run $i)" >&2; exit 1; }
    r="$(ratio "$c_rps" "$w_rps")"; cr="$(cpu_ratio "$w_srv" "$w_cpu" "$c_srv" "$c_cpu")"
    add "$kind.w" "$w_rps"; add "$kind.c" "$c_rps"; add "$kind.r" "$r"; add "$kind.cr" "$cr"
    add "$kind.ws" "$w_srv"; add "$kind.wc" "$w_cpu"; add "$kind.cs" "$c_srv"; add "$kind.cc" "$c_cpu"
    add "$kind.tok" "$c_tok"; add "$kind.wtok" "$(awk -v r="$w_rps" -v t="$stream_tokens" 'BEGIN {print r * t}')"
    add "$kind.tr" "$(ratio "$c_tok" "$(awk -v r="$w_rps" -v t="$stream_tokens" 'BEGIN {print r * t}')")"
    printf '%-3s %-7s %10.0f %10.0f %7s %5.0f/%-6.0f %5.0f/%-6.0f %14.0f %8.1f %8s\n' "$i" "$kind" "$w_rps" "$c_rps" \
        "$r" "$w_srv" "$w_cpu" "$c_srv" "$c_cpu" "$c_tok" "$c_osl" "$cr"
  done
done
m() { tr ' ' '\n' <<<"${col[$1]}" | grep . | median; }
echo
echo "Client overhead vs the zero-latency mock's ceiling: $runs interleaved repetitions of ${seconds} s, concurrency"
echo "$concurrency (wrk -t$threads -c$concurrency; aiperf profile --concurrency $concurrency after $warmup warmup requests),"
echo "$(nproc) cores shared by server, load tool and other work; load average before / after:"
echo "$load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %12s %12s %8s\n' "median of the repetitions" "wrk" "aiperf" "ratio"
printf '%-44s %12.0f %12.0f %8s\n' "non-streaming requests/s (max_tokens $plain_tokens)" "$(m plain.w)" "$(m plain.c)" \
    "$(m plain.r)"
printf '%-44s %12.0f %12.0f %8s\n' "streaming requests/s (max_tokens $stream_tokens)" "$(m stream.w)" "$(m stream.c)" \
    "$(m stream.r)"
printf '%-44s %12.0f %12.0f %8s\n' "streamed tokens/s (wrk: requests/s x $stream_tokens)" "$(m stream.wtok)" \
    "$(m stream.tok)" "$(m stream.tr)"
printf '%-44s %12s %12s\n' "CPU us/request, non-streaming: server / tool" "$(m plain.ws) / $(m plain.wc)" \
    "$(m plain.cs) / $(m plain.cc)"
printf '%-44s %12s %12s\n' "CPU us/request, streaming: server / tool" "$(m stream.ws) / $(m stream.wc)" \
    "$(m stream.cs) / $(m stream.cc)"
printf '%-44s %25s %8s\n' "idle 2-core ratio from CPU, non-streaming" "" "$(m plain.cr)"
printf '%-44s %25s %8s\n' "idle 2-core ratio from CPU, streaming" "" "$(m stream.cr)"
