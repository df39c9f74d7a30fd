"""Hand-built one-page PDFs for reader tests: the page's content stream is the test's own."""

from __future__ import annotations

import zlib


def one_page_pdf(content: bytes, media_box: tuple[int, int, int, int] = (0, 0, 612, 792),
                 deflate: bool = False) -> bytes:
    """A valid PDF whose only page draws `content` with Helvetica as /F1.

    Uncompressed unless `deflate`, so a fuzz test's flipped bytes land in PDF syntax rather
    than in zlib; a test of a page that unpacks to megabytes deflates it to stay small.
    """
    stream = zlib.compress(content, 9) if deflate else content
    box = " ".join(str(n) for n in media_box).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Resources << /Font << /F1 5 0 R"
        b" >> >> /Contents 4 0 R >>" % box,
        b"<< /Length %d %s>>\nstream\n%s\nendstream" % (
            len(stream), b"/Filter /FlateDecode " if deflate else b"", stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
