# A client that makes one select() call and leaves with its own exit status.
import select
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
select.select([s], [], [], 0)
s.close()
sys.exit(int(sys.argv[1]))
