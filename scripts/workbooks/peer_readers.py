#!/usr/bin/env python3
"""The readers a person would pick instead of `dealers validate` for a workbook, one per run so
that GNU time measures each alone (`scripts/bench-workbooks.sh`):

    python3 peer_readers.py fastexcel BOOK.xlsx    # fastexcel (Rust, calamine inside) into polars
    python3 peer_readers.py calamine BOOK.xlsx     # python-calamine, every cell as a Python value

Prints the rows read and the seconds spent reading (imports excluded).
Needs `pip install fastexcel polars python-calamine`."""
import sys, time

tool, path = sys.argv[1], sys.argv[2]
if tool == "fastexcel":
    import fastexcel, polars  # noqa: F401  (polars is what to_polars hands the sheet to)
    t = time.time()
    frame = fastexcel.read_excel(path).load_sheet(0).to_polars()
    rows = frame.height
elif tool == "calamine":
    from python_calamine import CalamineWorkbook
    t = time.time()
    rows = len(CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()) - 1
else:
    sys.exit(f"unknown peer {tool!r}: fastexcel or calamine")
print(f"{tool} rows={rows} {time.time() - t:.2f}s")
