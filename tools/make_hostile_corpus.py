#!/usr/bin/env python3
"""Writes the hostile-input corpus (issue 7): broken, encrypted, oversized and
otherwise adversarial files, each made here from scratch, deterministically.

    tools/make_hostile_corpus.py small [DIR]   # the committed files (default corpus/hostile)
    tools/make_hostile_corpus.py big DIR       # the large ones (> ~300 KB), at test time

`small` needs qpdf (the encrypted files); `big` needs only the standard
library and is what tests/hostile_test.cc runs into its build directory.
corpus/hostile/expected.tsv says what the engine must give for each file,
corpus/hostile/README.md why each file is there.
"""
import os
import subprocess
import sys
import tempfile
import zlib

# An invented application; Swedish letters as WinAnsi octal escapes.
LINES = [
    "Ans\\366kan om samverkansmedel",
    "Insatsens namn: Steget vidare",
    "Ins\\344tts\\344gare: Mora kommun",
    "Insatsperiod: 2025-01-01 till 2026-12-31",
    "Total budget: 450 000 kr",
    "Ort och datum: Mora 2024-11-05",
    "Namnf\\366rtydligande: Petra Lindqvist",
]
TEXT_LINES = [line.encode("latin-1").decode("unicode_escape") for line in LINES]

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def content(lines=LINES):
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        ops.append("(%s) Tj T*" % line)
    ops.append("ET")
    return ("\n".join(ops) + "\n").encode("latin-1")


def stream(data, extra=b"", compress=False):
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf(objects, root=1, trailer_extra=b"", header=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"):
    """objects: bodies of objects 1..n. Returns the file with a correct xref."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


def one_page(page_extra=b"", catalog_extra=b"", page_content=None, more=(), content_object=None):
    """Catalog 1, Pages 2, Page 3, content 4 (`content_object` if given, else
    a stream of `page_content`), font 5, then `more` as 6, 7, ..."""
    if content_object is None:
        content_object = stream(page_content if page_content is not None else content())
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R%s >>" % catalog_extra,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R%s >>" % page_extra,
        content_object,
        FONT,
    ] + list(more))


def write(directory, name, data):
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


# --- the committed files -------------------------------------------------

def truncated():
    whole = one_page()
    return whole[: whole.index(b"stream\n") + 40]   # cut inside the content stream


def truncated_update():
    """A whole revision, then an incremental update cut off before its xref."""
    base = one_page()
    update = (b"4 0 obj\n" + stream(content(LINES[:2] + ["Reviderad version 2"])) + b"\nendobj\n"
              b"xref\n0 1\n0000000000 65535 f \n4 1\n")
    return base + update


def broken_xref():
    """Every xref offset wrong and startxref pointing nowhere: readers rebuild it."""
    good = one_page()
    head, tail = good.split(b"xref\n", 1)
    tail = b"".join(b"%010d 00000 n \n" % (7 * i + 3) if line.endswith(b" n ") else line + b"\n"
                    for i, line in enumerate(tail.split(b"\n")[:-1]))
    return head + b"xref\n" + tail.replace(b"startxref\n%d" % len(head), b"startxref\n999999")


def qpdf_encrypt(plain, *args):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.pdf"), os.path.join(tmp, "out.pdf")
        write(tmp, "in.pdf", plain)
        subprocess.run(["qpdf", "--allow-weak-crypto", "--static-id", "--static-aes-iv", "--encrypt", *args, "--", src, dst],
                       check=True)
        with open(dst, "rb") as f:
            return f.read()


def page_tree_cycle():
    """Pages 2 -> Pages 6 -> (Page 3, Pages 2): a loop, and a /Count that lies."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [6 0 R] /Count 5 >>",
        b"<< /Type /Page /Parent 6 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        stream(content()),
        FONT,
        b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R 6 0 R] /Count 4 >>",
    ])


def deep_nesting(depth=20000):
    """Arrays and dictionaries nested `depth` deep, in an object and in the content stream."""
    deep_array = b"[" * depth + b"]" * depth
    deep_dict = b"<< /A " * depth + b"1" + b" >>" * depth
    ops = content() + b"BT " + b"[" * depth + b"(x)" + b"]" * depth + b" TJ ET\n"
    return one_page(page_extra=b" /PieceInfo 6 0 R /Foo 7 0 R", content_object=stream(ops, compress=True),
                    more=[deep_dict, deep_array])


def broken_tounicode():
    """A font whose ToUnicode map sends every code to the private-use area."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Broken def 1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfrange <00> <FF> <E000> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        stream(content()),
        font,
        stream(cmap),
    ])


def javascript_attachment():
    """OpenAction and document-level JavaScript, an embedded file and a file annotation."""
    js = b"app.alert('finsam-extract must never run this'); this.exportDataObject({cName: 'bilaga.txt', nLaunch: 2});"
    attached = b"Bilaga: budget 450 000 kr\n"
    return one_page(
        page_extra=b" /Annots [10 0 R]",
        catalog_extra=b" /OpenAction 6 0 R /Names << /JavaScript << /Names [(init) 6 0 R] >>"
                      b" /EmbeddedFiles << /Names [(bilaga.txt) 8 0 R] >> >>",
        more=[
            b"<< /Type /Action /S /JavaScript /JS 7 0 R >>",
            stream(js),
            b"<< /Type /Filespec /F (bilaga.txt) /UF (bilaga.txt) /EF << /F 9 0 R >> >>",
            stream(attached, b" /Type /EmbeddedFile"),
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [72 100 90 118] /FS 8 0 R /Contents (Bilaga) >>",
        ])


def repeated_flate(head, block, times, tail):
    """A zlib stream of head + block * times + tail, made without compressing
    `times` blocks: a deflate block ended by a full flush does not depend on
    what came before, so one compressed block repeats; the zlib wrapper
    (header, Adler-32 of the whole) is written by hand."""
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = raw.compress(head) + raw.flush(zlib.Z_FULL_FLUSH)
    middle = raw.compress(block) + raw.flush(zlib.Z_FULL_FLUSH)
    last = raw.compress(tail) + raw.flush(zlib.Z_FINISH)
    adler = zlib.adler32(head)
    if block.count(0) == len(block):   # zeros leave A as it is and add n * A to B
        low, high = adler & 0xFFFF, adler >> 16
        adler = ((high + times * len(block) * low) % 65521) << 16 | low
    else:
        for _ in range(times):
            adler = zlib.adler32(block, adler)
    adler = zlib.adler32(tail, adler)
    return b"\x78\xda" + first + middle * times + last + adler.to_bytes(4, "big")


def compression_bomb(gib=16):
    """One page whose content stream is Flate inside Flate: a few tens of KB on
    disk, `gib` GiB of zero bytes (PDF white space) once both filters are undone."""
    once = repeated_flate(content(), bytes(1 << 24), gib * 64, b"")
    twice = zlib.compress(once, 9)
    return one_page(content_object=stream(twice, b" /Filter [/FlateDecode /FlateDecode]"))


def text_operators(count=200_000_000):
    """One page, one Flate stream of `count` text-showing operators (Poppler
    reads some ten million a second: minutes of work for one page)."""
    per_block = 100_000
    data = repeated_flate(b"BT /F1 1 Tf 10 10 Td\n", b"(a) Tj\n" * per_block, count // per_block, b"ET\n")
    return one_page(content_object=stream(data, b" /Filter /FlateDecode"))


def invalid_utf8_nul():
    text = "\n".join(TEXT_LINES).encode("utf-8")
    # stray NULs, a lone continuation byte, a truncated sequence, an overlong form
    return (text.replace(b"Steget", b"Ste\x00get") + b"\n\x80\xc3\n\xc0\xaf kr\x00\x00\n"
            + b"Kontakt: petra.lindqvist@mora.se\xff\xfe\n")


def regex_pathological(size=200_000):
    """Label-like words inside long runs that make a backtracking engine explode."""
    out = []
    out.append("Insatsens namn:" + " " * 20000 + "x")
    out.append("Total budget " + "1 " * 5000 + "kr" + "." * 5000)
    out.append("Insatsperiod " + "2025-" * 3000 + "01-01 till" + " 2026" * 3000)
    out.append("(" * 5000 + "Insatsägare: Mora kommun" + ")" * 5000)
    out.append("Belopp: " + "0" * 20000 + "," + "9" * 20000 + " kr")
    out.append(("Ort och datum: " + ". " * 40 + "\t") * 200)
    out.append("e-post: " + "a." * 10000 + "@" + "b." * 10000)
    text = "\n".join(TEXT_LINES + out)
    while len(text.encode("utf-8")) < size:
        text += "\n" + "Namnförtydligande:" + "  .  1" * 500
    return text.encode("utf-8")


def html_named_pdf():
    return (b"<!DOCTYPE html>\n<html><head><title>Ans\xc3\xb6kan</title></head>\n<body><h1>404 Not Found</h1>"
            b"<p>The requested document could not be found.</p></body></html>\n")


def leading_dash_text():
    return ("\n".join(TEXT_LINES) + "\n").encode("utf-8")


SMALL = {
    "truncated.pdf": truncated,
    "truncated_update.pdf": truncated_update,
    "broken_xref.pdf": broken_xref,
    "encrypted_rc4.pdf": lambda: qpdf_encrypt(one_page(), "hemligt", "agare", "128", "--use-aes=n"),
    "encrypted_aes.pdf": lambda: qpdf_encrypt(one_page(), "hemligt", "agare", "256"),
    "owner_password_only.pdf": lambda: qpdf_encrypt(one_page(), "", "agare", "256", "--print=none",
                                                    "--modify=none", "--extract=n"),
    "page_tree_cycle.pdf": page_tree_cycle,
    "deep_nesting.pdf": deep_nesting,
    "broken_tounicode.pdf": broken_tounicode,
    "javascript_attachment.pdf": javascript_attachment,
    "compression_bomb.pdf": compression_bomb,
    "zero_bytes.pdf": lambda: b"",
    "html_named.pdf": html_named_pdf,
    "invalid_utf8_nul.txt": invalid_utf8_nul,
    "regex_pathological.txt": regex_pathological,
    "-ansökan å ä ö.txt": leading_dash_text,
}


# --- the big files, made at test time ------------------------------------

def huge_page_count(pages=100_000, fanout=1000):
    """`pages` pages in a two-level tree, all sharing one content stream."""
    nodes = pages // fanout
    first_node, first_page = 5, 5 + nodes
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % (first_node + i) for i in range(nodes)), pages),
        stream(content()),
        FONT,
    ]
    for i in range(nodes):
        kids = b" ".join(b"%d 0 R" % (first_page + i * fanout + k) for k in range(fanout))
        objects.append(b"<< /Type /Pages /Parent 2 0 R /Kids [%s] /Count %d >>" % (kids, fanout))
    for i in range(nodes):
        for _ in range(fanout):
            objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842]"
                           b" /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>" % (first_node + i))
    return pdf(objects)


def long_single_line(size=1_500_000):
    words = ("Insatsens namn: Steget vidare Mora kommun 2025-01-01 450 000 kr " * (size // 60 + 1))
    return words.encode("utf-8")[:size] + b"\n"


BIG = {
    "huge_page_count.pdf": huge_page_count,
    "text_operators.pdf": text_operators,
    "single_line_1.5MB.txt": long_single_line,
}


def main(argv):
    if len(argv) < 2 or argv[1] not in ("small", "big"):
        sys.exit(__doc__)
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "hostile")
    directory = argv[2] if len(argv) > 2 else (default if argv[1] == "small" else None)
    if directory is None:
        sys.exit("big needs an output directory")
    os.makedirs(directory, exist_ok=True)
    for name, make in (SMALL if argv[1] == "small" else BIG).items():
        path = os.path.join(directory, name)
        if argv[1] == "big" and os.path.exists(path):
            continue   # deterministic: a file already made is the same file
        write(directory, name, make())
        print("%s: %d bytes" % (name, os.path.getsize(path)))


if __name__ == "__main__":
    main(sys.argv)
