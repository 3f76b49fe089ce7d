# Downloads one file over HTTP/1.0 from a loopback server with a non-blocking socket and a
# select() loop, as BitTorrent's own loop reads its peers; checks the length the server gave and
# prints the SHA-256, the byte count and the select() calls it made.
#
# usage: http_select_download.py PORT PATH
import hashlib
import select
import socket
import sys


def main(argv):
    port = int(argv[0])
    path = argv[1]
    calls = {"select": 0, "ready": 0, "timeout": 0}
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(0)
    try:
        s.connect(("127.0.0.1", port))
    except socket.error:
        pass
    request = ("GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" % path).encode("ascii")
    sent = 0
    received = []
    while 1:
        writers = []
        if sent < len(request):
            writers = [s]
        r, w, x = select.select([s], writers, [], 10.0)
        calls["select"] = calls["select"] + 1
        if r or w or x:
            calls["ready"] = calls["ready"] + 1
        else:
            calls["timeout"] = calls["timeout"] + 1
            raise RuntimeError("the server did not answer in 10 s")
        if w:
            sent = sent + s.send(request[sent:])
        if r:
            data = s.recv(65536)
            if not data:
                break
            received.append(data)
    s.close()
    answer = "".encode("ascii").join(received)
    head, body = answer.split("\r\n\r\n".encode("ascii"), 1)
    length = None
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, value = line.split(":", 1)
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length != len(body):
        raise RuntimeError("got %d bytes, the server said %s" % (len(body), length))
    sys.stdout.write("CLIENT bytes=%d ready=%d select=%d sha256=%s timeout=%d\n"
                     % (len(body), calls["ready"], calls["select"],
                        hashlib.sha256(body).hexdigest(), calls["timeout"]))


if __name__ == "__main__":
    main(sys.argv[1:])
