"""A loopback SMTP sink for NotifyTests (aiosmtpd, from PyPI).

    python3 sink.py LOG_FILE

Listens on 127.0.0.1 at a free port, prints the port on stdout, and appends
every message it accepts to LOG_FILE as one JSON line: the recipients, the
Message-ID, the decoded subject and body. REFUSE_FIRST=1 answers the first
DATA with 451 (try again later); DELAY=S waits S seconds before accepting
each message. Runs until it is killed.
"""

import asyncio
import email
import email.header
import json
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller

LOG = sys.argv[1]
REFUSE_FIRST = os.environ.get("REFUSE_FIRST") == "1"
DELAY = float(os.environ.get("DELAY", "0"))


class Sink:
    def __init__(self):
        self.refused = False

    async def handle_DATA(self, server, session, envelope):
        if REFUSE_FIRST and not self.refused:
            self.refused = True
            return "451 4.3.0 not now, try again later"
        if DELAY:
            await asyncio.sleep(DELAY)
        message = email.message_from_bytes(envelope.content)
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        body = message.get_payload(decode=True).decode("utf-8")
        record = {"to": envelope.rcpt_tos, "message_id": message["Message-ID"],
                  "subject": subject, "body": body}
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 2.0.0 accepted"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


port = free_port()
controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
