"""A small HTTP client driven by select.select(), as select-loop clients are written.

It fetches every NAME from an HTTP server on 127.0.0.1:PORT at the same time, one connection
each, with non-blocking sockets and nothing but select.select() to wait on them, and saves each
body under OUTDIR. Then it prints one line per file (name, bytes, SHA-256) and, last, how many
times it called select.select().

usage: python3 select_fetch.py PORT OUTDIR NAME...
"""

import errno
import hashlib
import os
import select
import socket
import sys

IDLE_LIMIT_S = 10.0


def fetch_all(port, names):
    pending = {}
    for name in names:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)  # no timeout, so the socket module itself never polls
        err = s.connect_ex(("127.0.0.1", port))
        if err not in (0, errno.EINPROGRESS):
            raise OSError(err, "connect: " + os.strerror(err))
        request = "GET /%s HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n\r\n" % (name, port)
        pending[s] = {"name": name, "out": request.encode("ascii"), "in": bytearray()}
    bodies = {}
    calls = 0
    while pending:
        writers = [s for s, c in pending.items() if c["out"]]
        readers = [s for s, c in pending.items() if not c["out"]]
        readable, writable, _ = select.select(readers, writers, [], IDLE_LIMIT_S)
        calls += 1
        if not readable and not writable:
            raise SystemExit("select_fetch: nothing moved for %.0f s" % IDLE_LIMIT_S)
        for s in writable:
            c = pending[s]
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                raise OSError(err, "connect: " + os.strerror(err))
            c["out"] = c["out"][s.send(c["out"]):]
        for s in readable:
            c = pending[s]
            chunk = s.recv(65536)
            if chunk:
                c["in"] += chunk
                continue
            s.close()
            del pending[s]
            bodies[c["name"]] = body_of(c["name"], bytes(c["in"]))
    return bodies, calls


def body_of(name, response):
    head, sep, body = response.partition(b"\r\n\r\n")
    if not sep:
        raise SystemExit("select_fetch: %s: no end of headers" % name)
    lines = head.decode("iso-8859-1").split("\r\n")
    status = lines[0].split(" ", 2)
    if len(status) < 2 or status[1] != "200":
        raise SystemExit("select_fetch: %s: %s" % (name, lines[0]))
    for line in lines[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == "content-length" and int(value) != len(body):
            raise SystemExit("select_fetch: %s: %d bytes of %s" % (name, len(body), value.strip()))
    return body


def main(argv):
    if len(argv) < 4:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    port, outdir, names = int(argv[1]), argv[2], argv[3:]
    bodies, calls = fetch_all(port, names)
    for name in names:
        body = bodies[name]
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(body)
        print("fetched %s %d bytes sha256 %s" % (name, len(body), hashlib.sha256(body).hexdigest()))
    print("select.select calls: %d" % calls)


if __name__ == "__main__":
    main(sys.argv)
