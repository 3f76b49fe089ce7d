# A real SMTP server for the alert tests: Debian's python3-aiosmtpd, listening on loopback, writing
# each message it accepts to a file named <epoch nanoseconds of receipt>-<n>.eml in a folder.
# Usage: python3 smtp_sink.py HOST PORT FOLDER; it stops when its standard input closes.
import os
import sys
import time

from aiosmtpd.controller import Controller


class FileSink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.folder, "%d-%d.eml" % (time.time_ns(), self.count))
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode("ascii"))
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 Message accepted for delivery"


controller = Controller(FileSink(sys.argv[3]), hostname=sys.argv[1], port=int(sys.argv[2]))
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
