#!/usr/bin/python3
"""Renders the cluster-count sweep of one `recs train --json` report (read from stdin) as a Markdown table with bars.

Usage: artifacts/aot/recs train --ratings FILE --json | python3 bench/silhouette-table.py
"""
import json, sys

report = json.load(sys.stdin)
rows = report["clusters"]
top = max((r["silhouette"] or 0) for r in rows) or 1
print(f"{report['users']} users x {report['films']} films, {report['ratings']} ratings; geometry {report['geometry']}; chosen k = {report['chosen_k']}\n")
print("| k | silhouette | inertia | |")
print("| ---: | ---: | ---: | --- |")
for r in rows:
    s = r["silhouette"]
    bar = "#" * round(40 * max(s or 0, 0) / top)
    mark = " <- chosen" if r["k"] == report["chosen_k"] else ""
    print(f"| {r['k']} | {s:.4f} | {r['inertia']:.1f} | `{bar}`{mark} |")
