"""A seeded corpus of malformed messages, with well-formed ones mixed in (every ``GOOD_EVERY``)."""

import io
import random
import zipfile

GOOD_EVERY = 20

GOOD = (
    b"From: rh@durand.fr\r\nSubject: Re: Rappel\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"\r\nQuestion %d : faut-il d\xc3\xa9clarer ?\r\n"
)
HUGE_HEADER_LINE = b"From: a@b.fr\r\nX-Long: " + b"A" * 1_000_000 + b"\r\n\r\nbody\r\n"
BROKEN = [
    b"From: a@b.fr\r\nSubject: nul\r\n\r\nhello\x00world\r\n",
    b"Subject: no from\r\n\r\nbody\r\n",
    b"From: a@b.fr\r\nContent-Type: text/plain\r\n\r\nd\xe9j\xe0 sans charset\r\n",
    b"From: a@b.fr\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nqapla'\r\n",
    b"From: a@b.fr\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\xff\xfe\xfa invalid\r\n",
    b"From: a@b.fr\r\nContent-Type: multipart/mixed\r\n\r\nno boundary\r\n",
    b'From: a@b.fr\r\nContent-Type: multipart/mixed; boundary="X"\r\n\r\nnever starts\r\n',
    b"From: a@b.fr\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\n///\r\n",
    b"\xff\xfe\x00\x01garbage",
    b"From: =?utf-8?b?????====?= <\r\n\r\n",
]


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (120 * 1024 * 1024))
    return buffer.getvalue()


def with_attachment(data: bytes) -> bytes:
    import base64

    encoded = base64.encodebytes(data)
    return (
        b'From: a@b.fr\r\nSubject: fichier\r\nContent-Type: multipart/mixed; boundary="Z"\r\n\r\n'
        b"--Z\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nvoici\r\n"
        b"--Z\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        b'\r\nContent-Disposition: attachment; filename="paie.xlsx"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + encoded + b"--Z--\r\n"
    )


def mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        position = rng.randrange(len(data) + 1)
        if choice < 0.4 and data:
            data[min(position, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.7:
            data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))
        else:
            del data[position : position + rng.randint(1, 30)]
    data = bytes(data).replace(b"\x00", b"\x00\x00") if rng.random() < 0.5 else bytes(data)
    return b"From: a@b.fr\r\nX-Fuzz: 1\r\nContent-Type: text/plain; charset=x-none\r\n\r\n" + data


def corpus(count: int, seed: int = 13) -> list[tuple[bool, bytes]]:
    """``(well_formed, raw)`` pairs."""
    rng = random.Random(seed)
    bomb = with_attachment(zip_bomb())
    messages = []
    for number in range(count):
        if number % GOOD_EVERY == 0:
            messages.append((True, GOOD % number))
        elif number % 1000 == 1:
            messages.append((False, bomb))
        elif number % 1000 == 7:
            messages.append((False, HUGE_HEADER_LINE))
        elif number % 3 == 0:
            messages.append((False, BROKEN[number % len(BROKEN)]))
        else:
            messages.append((False, mutate(rng, rng.choice(BROKEN))))
    return messages
