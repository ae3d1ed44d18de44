#!/usr/bin/env python3
"""The workbook twins of a users CSV as the shared generator writes it (`;`, Windows-1252, CRLF,
dd/mm/yyyy), for `scripts/bench-workbooks.sh`:

    python3 make_workbooks.py usuarios-200000.csv OUT_DIR

writes OUT_DIR/usuarios-N.xlsx (xlsxwriter: shared strings, the three date columns as date cells
shown dd/mm/yyyy, every other cell a string) and OUT_DIR/usuarios-N.ods (the same cells as
LibreOffice stores them: office:value-type="date"/"string", no empty cells, streamed). Empty
cells are not written, as office programs do not write them. Needs xlsxwriter."""
import csv, datetime, os, sys, zipfile
from xml.sax.saxutils import escape

src, out = sys.argv[1], sys.argv[2]
stem = os.path.splitext(os.path.basename(src))[0]
os.makedirs(out, exist_ok=True)
DATES = {"Fecha nacimiento", "Fecha inicio", "Fecha fin"}

def rows():
    with open(src, encoding="cp1252", newline="") as f:
        yield from csv.reader(f, delimiter=";")

def as_date(text):
    try:
        d, m, y = text.split("/")
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        return None   # a defect such as 31/02/1975 stays text, as Excel keeps it

def write_xlsx(path):
    import xlsxwriter
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Usuarios")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    it = rows()
    header = next(it)
    date_columns = {i for i, name in enumerate(header) if name in DATES}
    for c, name in enumerate(header):
        sheet.write_string(0, c, name)
    for r, row in enumerate(it, start=1):
        for c, text in enumerate(row):
            if not text:
                continue
            date = as_date(text) if c in date_columns else None
            if date:
                sheet.write_datetime(r, c, datetime.datetime(date.year, date.month, date.day), date_format)
            else:
                sheet.write_string(r, c, text)
    book.close()

ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
            '<office:body><office:spreadsheet><table:table table:name="Usuarios">')
ODS_TAIL = '</table:table></office:spreadsheet></office:body></office:document-content>'
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')

def write_ods(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        content = zipfile.ZipInfo("content.xml", date_time=(2026, 12, 7, 0, 0, 0))
        content.compress_type = zipfile.ZIP_DEFLATED   # as LibreOffice stores it
        with z.open(content, "w", force_zip64=True) as raw:
            raw_write = raw.write
            buffer = [ODS_HEAD]
            it = rows()
            header = next(it)
            date_columns = {i for i, name in enumerate(header) if name in DATES}
            def emit(row, dates):
                cells = []
                empty = 0
                for c, text in enumerate(row):
                    if not text:
                        empty += 1
                        continue
                    if empty:
                        cells.append(f'<table:table-cell table:number-columns-repeated="{empty}"/>' if empty > 1 else '<table:table-cell/>')
                        empty = 0
                    date = as_date(text) if c in dates else None
                    if date:
                        cells.append(f'<table:table-cell office:value-type="date" office:date-value="{date.isoformat()}">'
                                     f'<text:p>{text}</text:p></table:table-cell>')
                    else:
                        cells.append(f'<table:table-cell office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>')
                return "<table:table-row>" + "".join(cells) + "</table:table-row>"
            buffer.append(emit(header, set()))
            for n, row in enumerate(it):
                buffer.append(emit(row, date_columns))
                if n % 5000 == 0:
                    raw_write("".join(buffer).encode("utf-8")); buffer = []
            buffer.append(ODS_TAIL)
            raw_write("".join(buffer).encode("utf-8"))

if __name__ == "__main__":
    write_xlsx(os.path.join(out, stem + ".xlsx"))
    write_ods(os.path.join(out, stem + ".ods"))
