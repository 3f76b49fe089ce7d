"""PythonSelectBenchmark: what the probe's wrapped select() adds to the bare call, measured in the
same interpreter on the same ready socket (a zero-timeout select() on a socket with data waiting,
the cheapest real call, so the wrapper's share shows at its largest). Prints one line.

usage: python3 python_select_benchmark.py [CALLS]   (run by: mvn -q -Pbench -DskipTests verify)
"""

import os
import socket
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "main", "python")))

import shimwatch_probe  # noqa: E402
import select  # noqa: E402


def per_call_ns(fn, r, calls, rounds):
    """The best of several rounds: the machine is shared, the least disturbed round is the cost."""
    best = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn([r], [], [], 0)
        elapsed = (time.perf_counter() - t0) * 1e9 / calls
        if best is None or elapsed < best:
            best = elapsed
    return best


def main(argv):
    calls = int(argv[0]) if argv else 200000
    rounds = 7
    a, b = socket.socketpair()
    b.send(b"x")
    bare_select = select.select
    per_call_ns(bare_select, a, calls // 10, 1)  # warm-up
    bare = per_call_ns(bare_select, a, calls, rounds)
    recorder = shimwatch_probe.install_wrappers()
    try:
        wrapped_select = select.select
        per_call_ns(wrapped_select, a, calls // 10, 1)
        wrapped = per_call_ns(wrapped_select, a, calls, rounds)
    finally:
        shimwatch_probe.remove_wrappers()
    counted = recorder.stats["select"].count
    expected = calls // 10 + calls * rounds
    if counted != expected:
        sys.stderr.write("the wrapper counted %d calls, not %d\n" % (counted, expected))
        return 1
    v = sys.version_info
    print("PythonSelectBenchmark: wrapped select() %.2f us per call vs bare select() %.2f us"
          " (x%.2f, +%.2f us) on a ready socket, %d calls x %d rounds, best round, %s %d.%d.%d"
          % (wrapped / 1000, bare / 1000, wrapped / bare, (wrapped - bare) / 1000, calls, rounds,
             shimwatch_probe.runtime_info()["name"], v[0], v[1], v[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
