# A client that makes a few select() calls on loopback and then fails with an exception deep in
# its own code, as a client hitting a bug in its socket layer would.
import select
import socket
import sys


def poll_peers(sock, rounds):
    i = 0
    while i < rounds:
        select.select([sock], [], [], 0.001)
        i = i + 1


def handle_peer(sock):
    poll_peers(sock, 3)
    raise ValueError("peer sent a bad handshake")


def main():
    a = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    a.bind(("127.0.0.1", 0))
    a.listen(1)
    handle_peer(a)


if __name__ == "__main__":
    main()
