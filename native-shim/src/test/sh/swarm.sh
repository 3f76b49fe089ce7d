#!/bin/sh
# End-to-end test with a real client: a BitTorrent swarm on loopback. opentracker
# tracks one torrent made by mktorrent; one aria2c seeds it; a second aria2c downloads
# it with libshimwatch.so in LD_PRELOAD and --event-poll=MODE. Checks: the download is
# identical (sha256); the snapshot counts the call kind MODE uses (> 0) and no other
# event-loop kind; and the recorded latencies add up to no more than the run's wall
# time (aria2c waits on one thread) yet cover most of it (an event loop mostly waits).
#
# One exception, which is aria2c's and not the shim's: in every mode aria2c also
# checks single sockets with poll(&one_fd, 1, 0) (SocketCore::isReadable/isWritable
# when built with poll support, as Debian's is). So under select and epoll a "poll"
# entry may appear, and it must consist of exactly such probes: one descriptor, zero
# timeout.
#
# usage: swarm.sh --lib LIBSHIMWATCH --mode select|poll|epoll --work DIR
# Prints one line: PASS/FAIL/SKIP swarm_MODE. Missing tools skip, or fail when CI=true.
set -u

lib= mode= work=
while [ $# -gt 0 ]; do
  case "$1" in
    --lib) lib=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "swarm.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
name="swarm_$mode"
case "$mode" in
  select) kind=select ;;
  poll) kind=poll ;;
  epoll) kind=epoll_wait ;;
  *) echo "swarm.sh: --mode must be select, poll or epoll" >&2; exit 2 ;;
esac

fail() { echo "  $*" >&2; echo "FAIL $name"; exit 1; }

missing=
for tool in aria2c opentracker mktorrent python3 sha256sum timeout; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  if [ "${CI:-}" = true ]; then
    fail "CI=true and this test needs:$missing (Debian: aria2 opentracker mktorrent)"
  fi
  echo "SKIP $name: needs$missing (Debian packages aria2, opentracker, mktorrent)"
  exit 0
fi

rm -rf "$work"
mkdir -p "$work/seed" "$work/leech" "$work/spool" || fail "cannot create $work"
# opentracker drops privileges to 'nobody' and chroots into the work directory.
chmod 755 "$work"

pids=
cleanup() {
  for pid in $pids; do
    kill "$pid" 2>/dev/null
  done
  for pid in $pids; do
    wait "$pid" 2>/dev/null
  done
}
trap cleanup EXIT INT TERM

# Three free loopback ports (the tracker's is used for TCP and UDP alike).
ports=$(python3 -c '
import socket
held = []
for _ in range(3):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    held.append(s)
print(" ".join(str(s.getsockname()[1]) for s in held))
') || fail "cannot find free ports"
set -- $ports
tracker_port=$1 seed_port=$2 leech_port=$3

# Wait (at most 10 s) until something listens on a loopback port.
wait_listen() {
  python3 - "$1" <<'PY' || return 1
import socket, sys, time
deadline = time.time() + 10
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

head -c 2000000 /dev/urandom > "$work/seed/payload.bin" || fail "cannot write the payload"
mktorrent -a "http://127.0.0.1:$tracker_port/announce" -o "$work/swarm.torrent" \
  "$work/seed/payload.bin" > "$work/mktorrent.log" 2>&1 || fail "mktorrent failed"
# Debian's opentracker serves only the info hashes listed in its whitelist.
aria2c -S "$work/swarm.torrent" 2>/dev/null | sed -n 's/^Info Hash: *//p' > "$work/whitelist"
grep -Eq '^[0-9a-f]{40}$' "$work/whitelist" || fail "no info hash from aria2c -S"

opentracker -i 127.0.0.1 -p "$tracker_port" -P "$tracker_port" -d "$work" -w whitelist \
  > "$work/opentracker.log" 2>&1 &
pids="$pids $!"
wait_listen "$tracker_port" || fail "opentracker did not start: $(cat "$work/opentracker.log")"

# Both peers announce every 2 s, so the leecher finds the seeder whatever the order.
common="--enable-dht=false --enable-dht6=false --bt-enable-lpd=false \
  --enable-peer-exchange=false --interface=127.0.0.1 --disable-ipv6=true \
  --bt-tracker-interval=2 --summary-interval=0 --console-log-level=warn"

aria2c $common --dir="$work/seed" --listen-port="$seed_port" --check-integrity=true \
  --seed-ratio=0 "$work/swarm.torrent" > "$work/seed.log" 2>&1 &
pids="$pids $!"
wait_listen "$seed_port" || fail "the seeding aria2c did not start: $(tail -5 "$work/seed.log")"

start=$(python3 -c 'import time; print(time.monotonic_ns())')
timeout 120 env SHIMWATCH_SPOOL="$work/spool" LD_PRELOAD="$lib" \
  aria2c $common --event-poll="$mode" --dir="$work/leech" --listen-port="$leech_port" \
  --seed-time=0 "$work/swarm.torrent" > "$work/leech.log" 2>&1
rc=$?
end=$(python3 -c 'import time; print(time.monotonic_ns())')
[ $rc -eq 0 ] || fail "the leeching aria2c exited with $rc: $(tail -5 "$work/leech.log")"

a=$(sha256sum < "$work/seed/payload.bin")
b=$(sha256sum < "$work/leech/payload.bin" 2>/dev/null)
[ "$a" = "$b" ] || fail "the downloaded file differs from the seeded one"

python3 - "$work/spool" "$kind" "$((end - start))" <<'PY' || fail "snapshot check failed (above)"
import glob, json, sys
spool, kind, wall_ns = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = glob.glob(spool + "/snapshot-*.json")
if len(files) != 1:
    sys.exit(f"  expected one snapshot file, found {files}")
doc = json.load(open(files[0]))
calls = doc["calls"]
kinds = {"select", "pselect", "poll", "ppoll", "epoll_wait", "epoll_pwait"}
if kind not in calls or calls[kind]["count"] <= 0:
    sys.exit(f"  no {kind} calls recorded: {sorted(calls)}")
if not set(calls) <= kinds:
    sys.exit(f"  unknown kinds: {sorted(calls)}")
for other in set(calls) - {kind}:
    o = calls[other]
    probes = (other == "poll" and o["anomalies"]["maxNfds"] == 1
              and o["anomalies"]["zeroTimeoutCalls"] == o["count"])
    if not probes:
        sys.exit(f"  {other} recorded under --event-poll={kind}: {o}")
m = calls[kind]
results = m["results"]
if sum(results.values()) != m["count"] or results["ready"] == 0:
    sys.exit(f"  results do not add up: {m}")

def midpoint(i):
    if i < 16:
        return i
    e, b = i // 16 + 3, i % 16
    w = 2 ** (e - 4)
    return (16 + b) * w + w / 2

buckets = m["latency"]["buckets"]
if sum(buckets.values()) != m["count"]:
    sys.exit("  latency histogram total differs from count")
total = sum(midpoint(int(i)) * n for i, n in buckets.items())
if m["latency"]["maxNs"] > wall_ns or total > wall_ns * 1.05 or total < wall_ns * 0.5:
    sys.exit(f"  latency sum {total / 1e9:.3f} s, max {m['latency']['maxNs'] / 1e9:.3f} s "
             f"against a wall time of {wall_ns / 1e9:.3f} s")
print(f"  {kind}: {m['count']} calls, latency sum {total / 1e9:.2f} s of {wall_ns / 1e9:.2f} s",
      file=sys.stderr)
PY
echo "PASS $name"
