#!/usr/bin/env python3
"""make_form_pdf: writes a fillable PDF form (AcroForm) whose answers exist
only as form field values, from a small line-based spec, and the text
rendition of the same form.

    tools/make_form_pdf.py FORM.txt OUT.pdf [OUT.txt]

The spec is read line by line, like a corpus input.txt:
    **text**            a bold line (the whole line)
    cells split by TAB  laid out in columns; the first cell of a two-cell
                        row is a label column 160 pt wide, of a longer row
                        a narrower one, the other cells share the rest
    [[value]]           a text field holding `value` in /V whose appearance
                        stream is empty (filled by software that did not
                        redraw it): the page shows only the labels
    [[=value]]          the same, but the appearance stream prints the value
                        (as most form software writes)
    [[~value]]          the same, with no appearance stream at all (viewers,
                        Poppler too, draw one from /V)
    [X] / [ ]           a check box, checked (/V /Yes) or not
    a line holding \\f   a new page
    an empty line       vertical space
OUT.txt is the text rendition: field values as text, a checked box as "X",
an unchecked one as nothing. Output is deterministic. Raw PDF syntax, no
third-party modules. Used by tools/make_corpus_pdfs.sh for cases that hold
a form.txt (corpus/45_*).
"""
import re
import sys

PAGE_W, PAGE_H = 595.276, 841.89
MARGIN = 56.0
LABEL_W = 160.0
FONT_SIZE = 10.0
ROW_PITCH = 20.0
FIELD_H = 16.0


def pdf_string(text):
    """A PDF text string: PDFDocEncoding-safe ASCII literal or UTF-16BE with BOM."""
    if all(32 <= ord(c) < 127 for c in text):
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def win_ansi(text):
    """A literal string for a WinAnsi-encoded standard font."""
    raw = text.encode("cp1252", errors="replace")
    out = []
    for b in raw:
        c = chr(b)
        if c in "\\()":
            out.append("\\" + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return "(" + "".join(out) + ")"


def text_width(text, size):
    # Helvetica's average advance is about half an em.
    return 0.5 * size * len(text)


def wrap(text, width, size):
    lines, current = [], ""
    for word in text.split():
        trial = (current + " " + word).strip()
        if current and text_width(trial, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current] if current else lines


class Writer:
    def __init__(self):
        self.objects = {}
        self.next_id = 1

    def reserve(self):
        self.next_id += 1
        return self.next_id - 1

    def put(self, body, num=None):
        num = num or self.reserve()
        self.objects[num] = body.encode("latin-1") if isinstance(body, str) else body
        return num

    def stream(self, data, extra=""):
        data = data.encode("latin-1") if isinstance(data, str) else data
        return self.put(b"<< /Length %d %s>>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream")

    def write(self, root):
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = {}
        for num in sorted(self.objects):
            offsets[num] = len(out)
            out += b"%d 0 obj\n" % num + self.objects[num] + b"\nendobj\n"
        xref = len(out)
        size = max(self.objects) + 1
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for num in range(1, size):
            out += b"%010d 00000 n \n" % offsets.get(num, 0) if num in offsets else b"0000000000 65535 f \n"
        out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
        return bytes(out)


def parse(spec):
    """Pages of rows; a row is (bold, [cells])."""
    pages, rows = [], []
    for line in spec.split("\n"):
        if line.strip() == "\f" or line == "\\f":
            pages.append(rows)
            rows = []
            continue
        bold = line.startswith("**") and line.endswith("**") and len(line) > 4
        if bold:
            line = line[2:-2]
        rows.append((bold, line.split("\t") if line else []))
    pages.append(rows)
    return pages


FIELD = re.compile(r"^\[\[([=~]?)(.*)\]\]$")
CHECK = re.compile(r"^\[([X ])\]$")


def rendition(pages):
    lines = []
    for n, rows in enumerate(pages):
        if n:
            lines.append("\f")
        for bold, cells in rows:
            out = []
            for cell in cells:
                m, c = FIELD.match(cell), CHECK.match(cell)
                out.append(m.group(2) if m else ("X" if c.group(1) == "X" else "") if c else cell)
            text = "\t".join(out)
            lines.append("**" + text + "**" if bold and text else text)
    return "\n".join(lines) + "\n"


class Form:
    def __init__(self):
        self.w = Writer()
        self.font = self.w.put("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        self.bold = self.w.put("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        self.dingbats = self.w.put("<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>")
        self.fields = []

    def add_field(self, body):
        self.fields.append(self.w.put(body))
        return self.fields[-1]

    def text_field(self, page, rect, value, appearance, name):
        x0, y0, x1, y1 = rect
        lines = wrap(value, x1 - x0 - 4, FONT_SIZE)
        flags = 4096 if len(lines) > 1 else 0
        ap = ""
        if appearance != "~":
            ops = ["/Tx BMC", "BT", "/Helv %g Tf 0 g" % FONT_SIZE]
            for i, text in enumerate(lines if appearance == "=" else []):
                ops.append("1 0 0 1 2 %.2f Tm %s Tj" % (y1 - y0 - 12 - i * 12, win_ansi(text)))
            ops += ["ET", "EMC"]
            res = "/BBox [0 0 %.2f %.2f] /Resources << /Font << /Helv %d 0 R >> >> " % (x1 - x0, y1 - y0, self.font)
            ap = " /AP << /N %d 0 R >>" % self.w.stream("\n".join(ops), "/Type /XObject /Subtype /Form " + res)
        return self.add_field(
            "<< /Type /Annot /Subtype /Widget /FT /Tx /T %s /V %s /Ff %d /Rect [%.2f %.2f %.2f %.2f] /P %d 0 R "
            "/F 4 /DA (/Helv %g Tf 0 g) /MK << /BC [0 0 0] >>%s >>"
            % (pdf_string(name), pdf_string(value), flags, x0, y0, x1, y1, page, FONT_SIZE, ap))

    def check_box(self, page, rect, checked, name):
        x0, y0, x1, y1 = rect
        res = "/BBox [0 0 %.2f %.2f] /Resources << /Font << /ZaDb %d 0 R >> >> " % (x1 - x0, y1 - y0, self.dingbats)
        on = self.w.stream("q BT /ZaDb 10 Tf 0 g 2 3 Td (4) Tj ET Q", "/Type /XObject /Subtype /Form " + res)
        off = self.w.stream("", "/Type /XObject /Subtype /Form " + res)
        state = "/Yes" if checked else "/Off"
        return self.add_field(
            "<< /Type /Annot /Subtype /Widget /FT /Btn /T %s /V %s /AS %s /Rect [%.2f %.2f %.2f %.2f] /P %d 0 R "
            "/F 4 /DA (/ZaDb 10 Tf 0 g) /MK << /CA (4) >> /AP << /N << /Yes %d 0 R /Off %d 0 R >> >> >>"
            % (pdf_string(name), state, state, x0, y0, x1, y1, page, on, off))

    def page(self, rows, parent):
        page = self.w.reserve()
        ops, annots, y = [], [], PAGE_H - MARGIN
        for bold, cells in rows:
            if not cells:
                y -= ROW_PITCH / 2
                continue
            lines_used = 1
            columns = self.columns(cells)
            for (x0, x1), cell in zip(columns, cells):
                m, c = FIELD.match(cell), CHECK.match(cell)
                if m:
                    n = max(1, len(wrap(m.group(2), x1 - x0 - 4, FONT_SIZE)))
                    lines_used = max(lines_used, n)
                    rect = (x0, y - 4 - 12 * (n - 1), x1 - 6, y + FIELD_H - 4)
                    annots.append(self.text_field(page, rect, m.group(2), m.group(1), "f%d" % len(self.fields)))
                elif c:
                    annots.append(self.check_box(page, (x0, y - 3, x0 + 12, y + 9), c.group(1) == "X", "c%d" % len(self.fields)))
                elif cell:
                    ops.append("BT /%s %g Tf %.2f %.2f Td %s Tj ET" % ("F2" if bold else "F1", FONT_SIZE, x0, y, win_ansi(cell)))
            y -= ROW_PITCH + 12 * (lines_used - 1)
        content = self.w.stream("\n".join(ops))
        self.w.put("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Contents %d 0 R "
                   "/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Annots [%s] >>"
                   % (parent, PAGE_W, PAGE_H, content, self.font, self.bold,
                      " ".join("%d 0 R" % a for a in annots)), page)
        return page

    @staticmethod
    def columns(cells):
        right = PAGE_W - MARGIN
        if len(cells) == 1:
            return [(MARGIN, right)]
        if len(cells) == 2:
            return [(MARGIN, MARGIN + LABEL_W), (MARGIN + LABEL_W, right)]
        # More cells: a narrower first column, the others share the rest.
        first = min(LABEL_W, (right - MARGIN) / len(cells)) * 0.75
        width = (right - MARGIN - first) / (len(cells) - 1)
        return [(MARGIN, MARGIN + first)] + [(MARGIN + first + i * width, MARGIN + first + (i + 1) * width)
                                             for i in range(len(cells) - 1)]

    def write(self, pages):
        parent = self.w.reserve()
        kids = [self.page(rows, parent) for rows in pages]
        self.w.put("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids)), parent)
        acroform = self.w.put("<< /Fields [%s] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv %d 0 R /ZaDb %d 0 R >> >> >>"
                              % (" ".join("%d 0 R" % f for f in self.fields), self.font, self.dingbats))
        root = self.w.put("<< /Type /Catalog /Pages %d 0 R /AcroForm %d 0 R >>" % (parent, acroform))
        return self.w.write(root)


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        pages = parse(f.read().rstrip("\n"))
    with open(argv[2], "wb") as f:
        f.write(Form().write(pages))
    if len(argv) == 4:
        with open(argv[3], "w", encoding="utf-8") as f:
            f.write(rendition(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
