#!/usr/bin/env python3
"""make_odd_pdfs: writes the readable-but-odd PDFs of tests/data/odd_pdfs/.

    tools/make_odd_pdfs.py [OUT_DIR]      # default tests/data/odd_pdfs

  unmapped_glyphs.pdf   a header in Helvetica, the body in a font whose
                        ToUnicode CMap maps every code into the private-use
                        area (U+E000 + code): the body's text layer is garbage
  rotated_pages.pdf     the same two lines on pages with /Rotate 0, 90, 180
                        and 270, and a fifth page whose text matrix turns the
                        text by 90 degrees (no /Rotate)
  shared_resources.pdf  ten pages whose resources and content test when
                        pages may share one Gfx (src/ingest/page_painter.h):
                        pages agreeing on their fonts (one adds a font, one
                        holds its resources indirectly), a page giving /F1 to
                        another font, content leaving a q unmatched, an
                        /ActualText span left open (pdftotext, one device for
                        all pages, loses every later page to it), another
                        media box, and content opening with a Q it has not
                        saved
  owner_password_aes256.pdf, owner_password_rc4.pdf
                        corpus/39_*/input.pdf encrypted by qpdf with an owner
                        password and an empty user password, copying and
                        printing forbidden (needs qpdf)

Raw PDF syntax, deterministic output; the files are committed, so tests
need neither this script nor qpdf.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def literal(text):
    raw = text.encode("cp1252")
    out = []
    for b in raw:
        c = chr(b)
        out.append("\\" + c if c in "\\()" else c if 32 <= b < 127 else "\\%03o" % b)
    return "(" + "".join(out) + ")"


def write_pdf(path, objects):
    """objects: list of bodies (bytes or str); object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        body = body.encode("latin-1") if isinstance(body, str) else body
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(bytes(out))


def stream(data):
    data = data.encode("latin-1") if isinstance(data, str) else data
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def private_use_cmap():
    ranges = "<21> <FF> <E021>"   # every glyph but the space
    return stream("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                  "1 begincodespacerange <00> <FF> endcodespacerange\n"
                  "1 beginbfchar <20> <0020> endbfchar\n"
                  "1 beginbfrange " + ranges + " endbfrange\n"
                  "endcmap CMapName currentdict /CMap defineresource pop end end\n")


BODY = [
    "Insatsen Steg mot arbete riktar sig till personer som har varit",
    "sjukskrivna länge och behöver samordnat stöd från kommunen,",
    "regionen och Försäkringskassan. Insatsperiod 2025-01-01 till",
    "2025-12-31. Sökt belopp 450 000 kr för en samordnare på heltid.",
]


def unmapped_glyphs(path):
    ops = ["BT /F1 14 Tf 56 780 Td %s Tj ET" % literal("Ansökan om medel")]
    for i, line in enumerate(BODY):
        ops.append("BT /F2 11 Tf 56 %d Td %s Tj ET" % (740 - 16 * i, literal(line)))
    write_pdf(path, [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        stream("\n".join(ops)),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>",
        private_use_cmap(),
    ])


LINES = ["Insatsens namn: Vridna sidor", "Insatsperiod: 2025-03-01 till 2026-02-28"]


def rotated_pages(path):
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    upright = "\n".join("BT /F1 12 Tf 72 %d Td %s Tj ET" % (760 - 20 * i, literal(t)) for i, t in enumerate(LINES))
    turned = "\n".join("BT /F1 12 Tf 0 1 -1 0 %d 72 Tm %s Tj ET" % (100 + 20 * i, literal(t)) for i, t in enumerate(LINES))
    for rotate, content in [(0, upright), (90, upright), (180, upright), (270, upright), (0, turned)]:
        objects.append(stream(content))
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate %d /Contents %d 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>" % (rotate, len(objects)))
        kids.append(len(objects))
    objects[1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids))
    write_pdf(path, objects)


def shared_resources(path):
    helvetica, courier, times = 3, 4, 5
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
               "<< /Font << /F1 %d 0 R >> >>" % helvetica]
    indirect = len(objects)   # page 3's resources

    def text(font, y, words):
        return "BT /%s 12 Tf 72 %d Td %s Tj ET" % (font, y, literal(words))

    def fonts(**named):
        return "<< /Font << %s >> /ExtGState << /G1 << /CA 1 >> >> >>" % " ".join(
            "/%s %d 0 R" % (name, ref) for name, ref in sorted(named.items()))

    a4, letter = "[0 0 595 842]", "[0 0 612 792]"
    pages = [
        (a4, fonts(F1=helvetica), "/G1 gs " + text("F1", 760, "Sida ett i Helvetica")),
        (a4, fonts(F1=helvetica, F2=times), text("F1", 760, "Sida två") + "\n" + text("F2", 740, "med fet rubrik")),
        (a4, "%d 0 R" % indirect, text("F1", 760, "Sida tre, resurserna indirekt")),
        (a4, fonts(F1=courier), text("F1", 760, "Sida fyra: F1 är Courier")),
        (a4, fonts(F1=courier), text("F1", 760, "Sida fem lämnar ett q öppet") + "\nq 1 0 0 1 0 -300 cm"),
        (a4, fonts(F1=courier), text("F1", 760, "Sida sex") +
         "\n/Span << /ActualText (dold) >> BDC " + text("F1", 700, "ersatt text")),
        (a4, fonts(F1=courier), text("F1", 760, "Sida sju syns hel")),
        (letter, fonts(F1=helvetica), text("F1", 700, "Sida åtta i Letter")),
        (letter, fonts(F1=helvetica), "Q 1 0 0 1 0 -200 cm " + text("F1", 700, "Sida nio tar ett Q för mycket")),
        (letter, fonts(F1=helvetica), text("F1", 700, "Sida tio står där den ska")),
    ]
    kids = []
    for box, resources, content in pages:
        objects.append(stream(content))
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents %d 0 R /Resources %s >>"
                       % (box, len(objects), resources))
        kids.append(len(objects))
    objects[1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids))
    write_pdf(path, objects)


def owner_password(out_dir):
    source = os.path.join(ROOT, "corpus", "39_sundsvall_beslut_signed_late", "input.pdf")
    # Copying text and printing forbidden: a reader still may (and must) read it.
    for name, args in [("owner_password_aes256.pdf", ["256", "--extract=n", "--print=none", "--modify=none"]),
                       ("owner_password_rc4.pdf", ["128", "--use-aes=n", "--extract=n", "--print=none"])]:
        subprocess.run(["qpdf", "--allow-weak-crypto", "--static-id", "--encrypt", "", "ägare"] + args +
                       ["--", source, os.path.join(out_dir, name)], check=True)


def main(argv):
    out_dir = argv[1] if len(argv) > 1 else os.path.join(ROOT, "tests", "data", "odd_pdfs")
    os.makedirs(out_dir, exist_ok=True)
    unmapped_glyphs(os.path.join(out_dir, "unmapped_glyphs.pdf"))
    rotated_pages(os.path.join(out_dir, "rotated_pages.pdf"))
    shared_resources(os.path.join(out_dir, "shared_resources.pdf"))
    owner_password(out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
