#!/usr/bin/env python3
# Repairs the 58 rows of geoapify/un-locode's ports CSV whose names hold a
# comma ("Ageo-Shi, Saitama"). Upstream wrote them with broken quoting:
#
#   JP,AGE,"""Ageo-Shi"," Saitama""","""Ageo-Shi"," Saitama""",11,--3-----,35.97,139.59,true
#
# so each name spans two fields and the row lost its status and IATA fields
# (it still has 11). The repair joins each name again and puts subdivision,
# function, lat, lon, geocoded back in their columns, leaving status and IATA
# blank (their values are not in the file). Other rows are written unchanged
# (same field values; csv.writer quotes only where needed, as upstream does).
# Usage: repair-geoapify.py IN OUT
import csv
import sys

src, dst = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(src, encoding="utf-8", newline="")))
fixed = 0
with open(dst, "w", encoding="utf-8", newline="") as out:
    w = csv.writer(out, lineterminator="\n")
    for i, r in enumerate(rows):
        if (i > 0 and len(r) == 11 and r[2].startswith('"') and r[3].endswith('"')
                and r[4].startswith('"') and r[5].endswith('"')):
            name = r[2][1:] + "," + r[3][:-1]
            ascii_name = r[4][1:] + "," + r[5][:-1]
            r = [r[0], r[1], name, ascii_name, r[6], "", r[7], "", r[8], r[9], r[10]]
            fixed += 1
        w.writerow(r)
print(f"{fixed} rows repaired", file=sys.stderr)
