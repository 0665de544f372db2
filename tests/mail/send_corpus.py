"""Send a pickled list of raw messages to one address over one SMTP connection.

``python -m tests.mail.send_corpus PORT ADDRESS FILE``: prints how many were accepted.
"""

import pickle
import smtplib
import sys
from pathlib import Path


def main(port: int, address: str, path: str) -> None:
    messages = pickle.loads(Path(path).read_bytes())
    accepted = 0
    with smtplib.SMTP("127.0.0.1", port, timeout=120) as client:
        for raw in messages:
            client.sendmail("fuzz@example.org", [address], raw)
            accepted += 1
    print(accepted)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
