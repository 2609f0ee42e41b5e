#!/usr/bin/env python3
"""Writes the hand-made PDF seeds of fuzz/seeds/pdf/: small files, each broken
in one way the fuzzers should start from (damaged structure, odd operators,
text only in a form field). Re-run after changing; the outputs are committed
so that the fuzz_seeds_pdf ctest test needs no Python.
    python3 fuzz/seeds/make_pdf_seeds.py
"""
import os
import zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pdf")


def build(objs, trailer_extra=b"", xref=True, shift_offsets=0):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if xref:
        start = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % (offset + shift_offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n" % (len(objs) + 1, trailer_extra, start)
    out += b"%%EOF\n"
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
CONTENT = (b"BT /F1 11 Tf 72 760 Td (Ans\xf6kan om medel) Tj 0 -20 Td (Projektnamn: Steg vidare) Tj "
           b"0 -20 Td (Insats\xe4gare: Uppsala kommun) Tj 0 -20 Td (Period: 2024-01-01 till 2024-12-31) Tj "
           b"0 -20 Td [(Personal)-2000(480 000 kr)] TJ 0 -20 Td (Summa 480 tkr) Tj ET")


def page_objs(content, kids=b"[3 0 R]", count=1, font=FONT):
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids %s /Count %d >>" % (kids, count),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            font, content]


def seeds():
    good = build(page_objs(stream(CONTENT)))
    yield "minimal_text.pdf", good
    yield "flate_text.pdf", build(page_objs(stream(zlib.compress(CONTENT), b"/Filter /FlateDecode ")))
    yield "truncated.pdf", good[: len(good) * 2 // 3]
    yield "header_only.pdf", b"%PDF-1.7\n"
    yield "broken_xref.pdf", build(page_objs(stream(CONTENT)), shift_offsets=7)
    yield "no_xref.pdf", build(page_objs(stream(CONTENT)), xref=False)
    yield "page_tree_cycle.pdf", build(page_objs(stream(CONTENT), kids=b"[3 0 R 2 0 R]", count=5))
    yield "huge_page_count.pdf", build(page_objs(stream(CONTENT), count=100000))
    yield "bad_flate.pdf", build(page_objs(stream(b"x\x9c\x01\x02garbage" * 20, b"/Filter /FlateDecode ")))
    yield "deep_nesting.pdf", build(page_objs(stream(b"BT /F1 11 Tf 72 700 Td " + b"[" * 3000 + b"(a)" +
                                                     b"]" * 3000 + b" TJ ET")))
    yield "bad_length.pdf", build(page_objs(b"<< /Length 999999 >>\nstream\n" + CONTENT + b"\nendstream"))
    yield "odd_operands.pdf", build(page_objs(stream(
        b"BT /F1 -1e30 Tf -99999999999 1e38 Td (x) Tj /F9 0 Tf (y) Tj 1 0 0 0 0 0 Tm (z) Tj ET")))
    yield "missing_font.pdf", build(page_objs(stream(CONTENT.replace(b"/F1", b"/F7"))))
    cmap = stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> "
                  b"endcodespacerange 2 beginbfchar <41> <E000> <42> <FFFD> endbfchar endcmap "
                  b"CMapName currentdict /CMap defineresource pop end end")
    objs = page_objs(stream(b"BT /F1 11 Tf 72 700 Td (ABBA AB) Tj ET"),
                     font=b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>")
    yield "broken_tounicode.pdf", build(objs + [cmap])
    objs = [b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /DA (/Helv 10 Tf 0 g) >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R /Annots [6 0 R] >>",
            FONT, stream(b"BT /F1 11 Tf 72 760 Td (Projektnamn:) Tj ET"),
            b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (projektnamn) /V (Steg vidare) "
            b"/Rect [180 750 500 772] /P 3 0 R >>"]
    yield "acroform.pdf", build(objs)
    yield "incremental_cut.pdf", good + b"5 0 obj\n<< /Length 10 >>\nstream\nBT (x) Tj\n"
    yield "encrypt_dict.pdf", build(page_objs(stream(CONTENT)), trailer_extra=(
        b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> /ID [<00><00>] "))


if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    for name, data in seeds():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
