# A select() loop client for the probe's tests, in the common subset of Python 2 and 3 (it runs
# under python3 and under Jython 2.7): it moves data through echo connections over loopback,
# waits on idle sockets until select() times out, polls with a zero timeout, and with --poll does
# the same through select.poll(). It counts every call it makes and prints the counts last, so
# the test can compare them with the probe's report.
#
# usage: loopback_select_client.py CONNECTIONS BYTES TIMEOUTS ZEROS [--poll]
import select
import socket
import sys


def main(argv):
    connections = int(argv[0])
    size = int(argv[1])
    timeouts = int(argv[2])
    zeros = int(argv[3])
    use_poll = "--poll" in argv
    counts = {"select": 0, "ready": 0, "timeout": 0, "zero": 0, "poll": 0, "pollReady": 0,
              "pollTimeout": 0, "bytes": 0}

    def counted_select(r, w, x, timeout):
        result = select.select(r, w, x, timeout)
        counts["select"] = counts["select"] + 1
        if timeout == 0:
            counts["zero"] = counts["zero"] + 1
        if result[0] or result[1] or result[2]:
            counts["ready"] = counts["ready"] + 1
        else:
            counts["timeout"] = counts["timeout"] + 1
        return result

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(connections)
    address = listener.getsockname()
    pairs = []
    i = 0
    while i < connections:
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        c.connect(address)
        s = listener.accept()[0]
        c.setblocking(0)
        s.setblocking(0)
        pairs.append([c, s, "x" * size, 0, ""])
        i = i + 1

    # Each client sends its bytes; each server end echoes what it reads; done when every client
    # has read back all it sent.
    pending_echo = {}
    for p in pairs:
        pending_echo[p[1]] = ""
    while 1:
        done = 1
        readers = []
        writers = []
        for p in pairs:
            if p[3] < size:
                writers.append(p[0])
            if len(p[4]) < size:
                done = 0
                readers.append(p[0])
            readers.append(p[1])
            if pending_echo[p[1]]:
                writers.append(p[1])
        if done:
            break
        r, w, x = counted_select(readers, writers, [], 5.0)
        for p in pairs:
            c, s = p[0], p[1]
            if c in w and p[3] < size:
                n = c.send(p[2][p[3]:p[3] + 65536].encode("ascii"))
                p[3] = p[3] + n
            if s in r:
                data = s.recv(65536)
                if data:
                    pending_echo[s] = pending_echo[s] + data.decode("ascii")
            if s in w and pending_echo[s]:
                n = s.send(pending_echo[s].encode("ascii"))
                pending_echo[s] = pending_echo[s][n:]
            if c in r:
                data = c.recv(65536)
                if data:
                    p[4] = p[4] + data.decode("ascii")
                    counts["bytes"] = counts["bytes"] + len(data)

    idle = pairs[0][0]
    i = 0
    while i < timeouts:
        counted_select([idle], [], [], 0.002)
        i = i + 1
    i = 0
    while i < zeros:
        counted_select([idle], [], [], 0)
        i = i + 1

    if use_poll and hasattr(select, "poll"):
        poller = select.poll()
        poller.register(idle.fileno(), select.POLLIN)
        i = 0
        while i < timeouts:
            events = poller.poll(2)
            counts["poll"] = counts["poll"] + 1
            if events:
                counts["pollReady"] = counts["pollReady"] + 1
            else:
                counts["pollTimeout"] = counts["pollTimeout"] + 1
            i = i + 1
        pairs[0][1].send("!".encode("ascii"))
        events = poller.poll(5000)
        counts["poll"] = counts["poll"] + 1
        if events:
            counts["pollReady"] = counts["pollReady"] + 1
        else:
            counts["pollTimeout"] = counts["pollTimeout"] + 1

    for p in pairs:
        p[0].close()
        p[1].close()
    listener.close()
    keys = list(counts.keys())
    keys.sort()
    sys.stdout.write("CLIENT " + " ".join(["%s=%d" % (k, counts[k]) for k in keys]) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
