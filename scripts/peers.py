#!/usr/bin/env python3
"""Peers of `dealers validate` on the bench's users file: DuckDB (SQL), polars (expressions)
and pandas (vectorised), each only if it can be imported.

    python3 scripts/peers.py FILE [--layout layouts/users.json] [--json]

FILE is a users file as dealers-bench generates it (data/usuarios-N.csv): `;`, Windows-1252,
CRLF, a header row, 14 columns in the order of layouts/users.json. Every tool checks the same
rules, taken from the layout where it says them:

- required cells: action and document always; collective and first name for ALTA; period for
  EXTENSION (missing = one of the layout's missingValues after trimming);
- action: one of the layout's actions or their aliases (upper case);
- enum columns: document type, relationship (upper case, when present); the period against the
  duration vocabulary (a regular expression, DURATION);
- document and holder: DNI (8 digits + control letter) or NIE (X/Y/Z + 7 digits + letter), the
  letter checked (TRWAGMYFPDXBNJZSQVHLCKE[n % 23]), after removing spaces, dots and dashes;
- birth, start and end dates: real dates written dd/mm/yyyy; birth date from 1900-01-01;
- e-mail shape (local@labels.tld, ASCII); phone shape (+ and 8-15 digits, 00 and 8-15 digits, or
  a Spanish 9-digit number starting 6-9, optionally after 34; separators removed);
- collective: [A-Za-z0-9_-]{1,40}; first name at most 80 characters, last name at most 120.

Not checked (dealers checks them): whether the collective exists (a rule, against the store),
formats the layout accepts beyond dd/mm/yyyy, other countries' phone plans.

Each tool runs in its own child process (this script with --tool), so its peak memory is its
own: the parent reads the child's ru_maxrss from os.wait4. Seconds are measured in the child
around reading the file and checking it (imports excluded). Output: a Markdown table (or JSON
with --json) with tool, rows, seconds, rows/s, peak RSS MiB and defective rows. Exit status 3
when no peer can be imported.

Never a test dependency: the bench's `peers` stage runs this script when python3 and a peer are
there, and skips otherwise.
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time

TOOLS = ("duckdb", "polars", "pandas")
COLUMNS = ["action", "collective", "documentType", "document", "firstName", "lastName", "email", "phone",
           "birthDate", "relationship", "holder", "startDate", "endDate", "period"]
LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
EMAIL = (r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
         r"@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
PHONE = r"^(\+[0-9]{8,15}|00[0-9]{8,15}|(34)?[6789][0-9]{8})$"
PHONE_SEPARATORS = r"[\s.()/-]"
DOCUMENT_SEPARATORS = r"[\s.-]"
DNI = r"^[0-9]{8}[A-Z]$"
NIE = r"^[XYZ][0-9]{7}[A-Z]$"
COLLECTIVE = r"^[A-Za-z0-9_-]{1,40}$"
DATE_COLUMNS = ("birthDate", "startDate", "endDate")

# The period's duration vocabulary (DurationVocabulary.swift), upper case: a count and a unit, or
# a word alone (`1M`, `12 MESES`, `1 AÑO`, `ANUAL`, `QUARTERLY` …).
_UNITS = ("M|MES|MESES|MONTH|MONTHS|MO|MTH|MTHS|A|AÑO|AÑOS|ANO|ANOS|ANIO|ANIOS|Y|YR|YRS|YEAR|YEARS|"
          "TRIMESTRE|TRIMESTRES|QUARTER|QUARTERS|BIMESTRE|BIMESTRES|SEMESTRE|SEMESTRES|HALF-?YEARS?")
_WORDS = ("M|MES|MENSUAL|MONTH|MONTHLY|BIMESTRAL|BIMESTRE|BIMONTHLY|TRIMESTRAL|TRIMESTRE|QUARTER|QUARTERLY|"
          "CUATRIMESTRAL|CUATRIMESTRE|SEMESTRAL|SEMESTRE|HALF-?YEAR|HALF-?YEARLY|SEMIANNUAL|SEMIANNUALLY|"
          "A|Y|AÑO|ANO|ANIO|ANUAL|YEAR|YEARLY|ANNUAL|ANNUALLY")
DURATION = f"^(?:(?:[0-9]{{1,4}}|UN|UNA|UNO|ONE) ?(?:{_UNITS})|(?:{_WORDS}))$"


class Rules:
    """What the layout says: missing values, actions and their aliases, enums."""

    def __init__(self, layout_path):
        with open(layout_path, encoding="utf-8") as f:
            layout = json.load(f)
        self.missing = list(layout["schema"].get("missingValues", [""]))
        actions = layout["action"]["values"]
        self.actions = sorted({a.upper() for a in actions} | {s.upper() for v in actions.values() for s in v})
        fields = {f["name"]: f for f in layout["schema"]["fields"]}
        self.enums = {name: [v.upper() for v in fields[name]["constraints"]["enum"]]
                      for name in ("documentType", "relationship")}
        # Aliases are given in upper case here; the file spells actions in full.
        self.alta = {"ALTA"} | {s.upper() for s in actions.get("ALTA", [])}
        self.extension = {"EXTENSION"} | {s.upper() for s in actions.get("EXTENSION", [])}


def check_duckdb(path, rules):
    import duckdb
    con = duckdb.connect()
    names = ", ".join(f"'{c}'" for c in COLUMNS)
    missing = ", ".join("'" + m.replace("'", "''") + "'" for m in rules.missing)
    def quoted(values):
        return ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    con.execute(f"CREATE MACRO v(x) AS CASE WHEN trim(x) IN ({missing}) THEN NULL ELSE trim(x) END")
    con.execute(f"""CREATE MACRO docnorm(x) AS upper(regexp_replace(x, '{DOCUMENT_SEPARATORS}', '', 'g'))""")
    con.execute(f"""CREATE MACRO docok(d) AS CASE
        WHEN regexp_full_match(d, '{DNI[1:-1]}') THEN
            substr('{LETTERS}', CAST(CAST(substr(d, 1, 8) AS BIGINT) % 23 AS INTEGER) + 1, 1) = substr(d, 9, 1)
        WHEN regexp_full_match(d, '{NIE[1:-1]}') THEN
            substr('{LETTERS}', CAST(CAST(CAST(strpos('XYZ', substr(d, 1, 1)) - 1 AS VARCHAR) || substr(d, 2, 7)
                   AS BIGINT) % 23 AS INTEGER) + 1, 1) = substr(d, 9, 1)
        ELSE false END""")
    con.execute("CREATE MACRO dateok(x) AS x IS NULL OR try_strptime(x, '%d/%m/%Y') IS NOT NULL")
    start = time.perf_counter()
    source = "'" + path.replace("'", "''") + "'"
    con.execute(f"""CREATE TEMP VIEW u AS SELECT * FROM read_csv({source}, delim=';', quote='"', header=true,
        encoding='latin-1', all_varchar=true, names=[{names}], strict_mode=false)""")
    checks = [
        "v(action) IS NOT NULL",
        f"upper(v(action)) IN ({quoted(rules.actions)})",
        f"v(collective) IS NOT NULL OR upper(v(action)) NOT IN ({quoted(rules.alta)})",
        f"v(firstName) IS NOT NULL OR upper(v(action)) NOT IN ({quoted(rules.alta)})",
        f"v(period) IS NOT NULL OR upper(v(action)) NOT IN ({quoted(rules.extension)})",
        f"v(collective) IS NULL OR regexp_full_match(v(collective), '{COLLECTIVE[1:-1]}')",
        "v(firstName) IS NULL OR length(v(firstName)) <= 80",
        "v(lastName) IS NULL OR length(v(lastName)) <= 120",
        "v(document) IS NOT NULL AND docok(docnorm(v(document)))",
        "v(holder) IS NULL OR docok(docnorm(v(holder)))",
        f"v(email) IS NULL OR regexp_full_match(v(email), {quoted([EMAIL[1:-1]])})",
        f"v(phone) IS NULL OR regexp_full_match(regexp_replace(v(phone), '{PHONE_SEPARATORS}', '', 'g'), '{PHONE[1:-1]}')",
        "dateok(v(birthDate))", "dateok(v(startDate))", "dateok(v(endDate))",
        "v(birthDate) IS NULL OR try_strptime(v(birthDate), '%d/%m/%Y') IS NULL "
        "OR try_strptime(v(birthDate), '%d/%m/%Y') >= TIMESTAMP '1900-01-01'",
    ]
    for name, values in rules.enums.items():
        checks.append(f"v({name}) IS NULL OR upper(v({name})) IN ({quoted(values)})")
    checks.append(f"v(period) IS NULL OR regexp_full_match(upper(v(period)), {quoted([DURATION])})")
    ok = " AND ".join(f"coalesce(({c}), false)" for c in checks)
    rows, defective = con.execute(f"SELECT count(*), count(*) FILTER (WHERE NOT ({ok})) FROM u").fetchone()
    return rows, defective, time.perf_counter() - start, duckdb.__version__


def check_polars(path, rules):
    import io
    import polars as pl
    start = time.perf_counter()
    # polars reads UTF-8 only: decode Windows-1252 first, as its own `encoding=` option would.
    with open(path, "rb") as f:
        text = f.read().decode("cp1252").encode("utf-8")
    df = pl.read_csv(io.BytesIO(text), separator=";", quote_char='"', has_header=True, new_columns=COLUMNS,
                     infer_schema=False)
    del text
    missing = [m.strip() for m in rules.missing]

    def v(name):
        c = pl.col(name).str.strip_chars()
        return pl.when(c.is_in(missing) | c.is_null()).then(None).otherwise(c)

    def doc_ok(expr):
        d = expr.str.to_uppercase().str.replace_all(DOCUMENT_SEPARATORS, "")
        lookup = {"old": list(range(23)), "new": list(LETTERS), "default": None}
        dni = d.str.contains(DNI) & (
            (d.str.slice(0, 8).cast(pl.Int64, strict=False) % 23).replace_strict(**lookup) == d.str.slice(8, 1))
        prefix = d.str.slice(0, 1).replace_strict({"X": "0", "Y": "1", "Z": "2"}, default=None)
        nie = d.str.contains(NIE) & (
            ((prefix + d.str.slice(1, 7)).cast(pl.Int64, strict=False) % 23).replace_strict(**lookup)
            == d.str.slice(8, 1))
        return dni.fill_null(False) | nie.fill_null(False)

    def parsed(name):
        return v(name).str.strptime(pl.Date, "%d/%m/%Y", strict=False)

    action = v("action").str.to_uppercase()
    checks = [
        action.is_not_null() & action.is_in(rules.actions),
        v("collective").is_not_null() | ~action.is_in(sorted(rules.alta)),
        v("firstName").is_not_null() | ~action.is_in(sorted(rules.alta)),
        v("period").is_not_null() | ~action.is_in(sorted(rules.extension)),
        v("collective").is_null() | v("collective").str.contains(COLLECTIVE),
        v("firstName").is_null() | (v("firstName").str.len_chars() <= 80),
        v("lastName").is_null() | (v("lastName").str.len_chars() <= 120),
        v("document").is_not_null() & doc_ok(v("document")),
        v("holder").is_null() | doc_ok(v("holder")),
        v("email").is_null() | v("email").str.contains(EMAIL),
        v("phone").is_null() | v("phone").str.replace_all(PHONE_SEPARATORS, "").str.contains(PHONE),
        v("birthDate").is_null() | (parsed("birthDate") >= pl.date(1900, 1, 1)),
    ]
    checks += [v(name).is_null() | parsed(name).is_not_null() for name in DATE_COLUMNS]
    checks += [v(name).is_null() | v(name).str.to_uppercase().is_in(values) for name, values in rules.enums.items()]
    checks.append(v("period").is_null() | v("period").str.to_uppercase().str.contains(DURATION))
    ok = pl.all_horizontal([c.fill_null(False) for c in checks])
    defective = df.select((~ok).sum()).item()
    return df.height, int(defective), time.perf_counter() - start, pl.__version__


def check_pandas(path, rules):
    import numpy as np
    import pandas as pd
    start = time.perf_counter()
    df = pd.read_csv(path, sep=";", quotechar='"', encoding="cp1252", header=0, names=COLUMNS, dtype=str,
                     keep_default_na=False, na_filter=False)
    missing = set(m.strip() for m in rules.missing)

    def v(name):
        c = df[name].str.strip()
        return c.where(~c.isin(missing))

    letters = np.array(list(LETTERS))

    def doc_ok(series):
        d = series.str.upper().str.replace(DOCUMENT_SEPARATORS, "", regex=True).fillna("")
        is_dni = d.str.fullmatch(DNI[1:-1])
        is_nie = d.str.fullmatch(NIE[1:-1])
        prefix = d.str[0:1].map({"X": "0", "Y": "1", "Z": "2"}).fillna("")
        digits = d.str[0:8].where(is_dni, prefix + d.str[1:8])
        number = pd.to_numeric(digits.where(is_dni | is_nie), errors="coerce").fillna(0).astype("int64")
        expected = letters[(number % 23).to_numpy()]
        return (is_dni | is_nie) & (d.str[8:9].to_numpy() == expected)

    def parsed(name):
        return pd.to_datetime(v(name), format="%d/%m/%Y", errors="coerce")

    action = v("action").str.upper()
    alta = action.isin(rules.alta)
    checks = [
        action.notna() & action.isin(rules.actions),
        v("collective").notna() | ~alta,
        v("firstName").notna() | ~alta,
        v("period").notna() | ~action.isin(rules.extension),
        v("collective").isna() | v("collective").str.fullmatch(COLLECTIVE[1:-1]).fillna(False),
        v("firstName").isna() | (v("firstName").str.len() <= 80),
        v("lastName").isna() | (v("lastName").str.len() <= 120),
        v("document").notna() & doc_ok(v("document")),
        v("holder").isna() | doc_ok(v("holder")),
        v("email").isna() | v("email").str.fullmatch(EMAIL[1:-1]).fillna(False),
        v("phone").isna() | v("phone").str.replace(PHONE_SEPARATORS, "", regex=True).str.fullmatch(PHONE[1:-1]).fillna(False),
        v("birthDate").isna() | (parsed("birthDate") >= pd.Timestamp(1900, 1, 1)),
    ]
    checks += [v(name).isna() | parsed(name).notna() for name in DATE_COLUMNS]
    checks += [v(name).isna() | v(name).str.upper().isin(values) for name, values in rules.enums.items()]
    checks.append(v("period").isna() | v("period").str.upper().str.fullmatch(DURATION).fillna(False))
    ok = np.logical_and.reduce([np.asarray(c, dtype=bool) for c in checks])
    return len(df), int((~ok).sum()), time.perf_counter() - start, pd.__version__


def run_child(tool, path, layout):
    """Runs one tool in a child process; returns its figures with its peak RSS from wait4."""
    child = subprocess.Popen([sys.executable, os.path.abspath(__file__), path, "--layout", layout, "--tool", tool],
                             stdout=subprocess.PIPE)
    out = child.stdout.read()
    child.stdout.close()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        return {"tool": tool, "error": f"exit {child.returncode}"}
    result = json.loads(out)
    result["peakMiB"] = usage.ru_maxrss / 1024  # KiB on Linux
    return result


def markdown(results):
    lines = ["| tool | rows | seconds | rows/s | peak RSS (MiB) | defective rows |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['tool']} | | | | | failed: {r['error']} |")
            continue
        rate = r["rows"] / r["seconds"] if r["seconds"] > 0 else 0
        lines.append(f"| {r['tool']} {r['version']} | {r['rows']:,} | {r['seconds']:.3f} | {rate:,.0f} | "
                     f"{r['peakMiB']:.1f} | {r['defective']:,} |")
    return "\n".join(lines)


def main():
    default_layout = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "layouts", "users.json")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="the users file (data/usuarios-N.csv of a dealers-bench run)")
    parser.add_argument("--layout", default=default_layout, help="the users layout (default: layouts/users.json)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    parser.add_argument("--tool", choices=TOOLS, help="(internal) check with this tool only, print JSON")
    args = parser.parse_args()
    rules = Rules(args.layout)
    if args.tool:
        check = {"duckdb": check_duckdb, "polars": check_polars, "pandas": check_pandas}[args.tool]
        rows, defective, seconds, version = check(args.file, rules)
        print(json.dumps({"tool": args.tool, "version": version, "rows": rows, "defective": defective,
                          "seconds": seconds}))
        return 0
    available = [t for t in TOOLS if importlib.util.find_spec(t) is not None]
    if not available:
        print("peers.py: none of duckdb, polars, pandas can be imported (pip install duckdb polars pandas)",
              file=sys.stderr)
        return 3
    results = []
    for tool in available:
        print(f"peers.py: {tool} …", file=sys.stderr)
        results.append(run_child(tool, args.file, args.layout))
    print(json.dumps(results) if args.json else markdown(results))
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
