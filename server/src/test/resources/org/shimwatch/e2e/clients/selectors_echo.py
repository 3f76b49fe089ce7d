"""An echo server and its clients in one process, all driven by one selectors.DefaultSelector
(epoll on Linux), as asyncio-style and selectors-based programs are written.

It listens on 127.0.0.1 (a free port), opens CLIENTS connections to itself, and every client
sends MESSAGES messages of 1 byte to 256 KiB, each after the echo of the one before came back
whole and equal. Sockets are non-blocking, so the selector is the only thing that waits. Then it
prints the selector's class, the bytes echoed, and, last, how many times it called
selector.select().

usage: python3 selectors_echo.py CLIENTS MESSAGES
"""

import errno
import os
import random
import selectors
import socket
import sys

IDLE_LIMIT_S = 10.0


class Client:
    def __init__(self, sock, rng, messages):
        self.sock, self.rng, self.left = sock, rng, messages
        self.sent = self.out = b""
        self.back = bytearray()
        self.connected = False

    def next_message(self):
        self.left -= 1
        self.sent = self.out = os.urandom(self.rng.randint(1, 256 * 1024))
        self.back = bytearray()


class Echo:
    def __init__(self, sock):
        self.sock = sock
        self.out = bytearray()


def run(clients, messages):
    sel = selectors.DefaultSelector()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(clients)
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ, "listener")
    rng = random.Random(21)
    open_clients = 0
    for _ in range(clients):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        err = s.connect_ex(listener.getsockname())
        if err not in (0, errno.EINPROGRESS):
            raise OSError(err, "connect: " + os.strerror(err))
        sel.register(s, selectors.EVENT_WRITE, Client(s, rng, messages))
        open_clients += 1
    calls = 0
    echoed = 0
    while open_clients:
        events = sel.select(IDLE_LIMIT_S)
        calls += 1
        if not events:
            raise SystemExit("selectors_echo: nothing moved for %.0f s" % IDLE_LIMIT_S)
        for key, mask in events:
            if key.data == "listener":
                conn, _ = listener.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ, Echo(conn))
            elif isinstance(key.data, Echo):
                e = key.data
                if mask & selectors.EVENT_READ:
                    chunk = e.sock.recv(65536)
                    if not chunk:
                        sel.unregister(e.sock)
                        e.sock.close()
                        continue
                    e.out += chunk
                if mask & selectors.EVENT_WRITE and e.out:
                    del e.out[: e.sock.send(e.out)]
                sel.modify(
                    e.sock,
                    selectors.EVENT_READ | (selectors.EVENT_WRITE if e.out else 0),
                    e,
                )
            else:
                c = key.data
                if not c.connected:
                    err = c.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if err:
                        raise OSError(err, "connect: " + os.strerror(err))
                    c.connected = True
                    c.next_message()
                if mask & selectors.EVENT_WRITE and c.out:
                    c.out = c.out[c.sock.send(c.out):]
                if mask & selectors.EVENT_READ:
                    chunk = c.sock.recv(65536)
                    if not chunk:
                        raise SystemExit("selectors_echo: the server closed a connection")
                    c.back += chunk
                    if len(c.back) > len(c.sent) or c.sent[: len(c.back)] != c.back:
                        raise SystemExit("selectors_echo: an echo differs from what was sent")
                    if len(c.back) == len(c.sent):
                        echoed += len(c.sent)
                        if c.left == 0:
                            sel.unregister(c.sock)
                            c.sock.close()
                            open_clients -= 1
                            continue
                        c.next_message()
                sel.modify(
                    c.sock,
                    selectors.EVENT_READ | (selectors.EVENT_WRITE if c.out else 0),
                    c,
                )
    return type(sel).__name__, echoed, calls


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    kind, echoed, calls = run(int(argv[1]), int(argv[2]))
    print("selector: %s" % kind)
    print("echoed %d bytes in %d messages, all equal" % (echoed, int(argv[1]) * int(argv[2])))
    print("selector.select calls: %d" % calls)


if __name__ == "__main__":
    main(sys.argv)
