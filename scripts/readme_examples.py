#!/usr/bin/env python3
"""Re-runs the README's marked examples against a running service and writes their answers back into the README.

An example is a ```sh block preceded by a `<!-- example ... -->` line. Its first command is run with bash (after
http://127.0.0.1:8080 is pointed at the service being documented) and its output replaces the next fenced block
(```json, ```csv or a plain ```). A `<!-- example again ... -->` line directly before a fenced output block re-runs
the previous example's command and writes that answer there instead.

Marker options:
  wait=S                   sleep S seconds before running (e.g. to show a background job a moment later)
  shorten=name1,name2      cut the JSON arrays with these property names to their first two elements
  mask=name1,name2         show only the first three characters of these string properties (e.g. a write token)

tests/Recs.Tests/Docs/ReadmeExamplesTests.cs reads the same markers and checks that each documented request still
answers with the documented shape, so a change to an answer that forgets the README fails the tests.

usage: readme_examples.py README.md BASE_URL WORKDIR
"""

import json
import re
import subprocess
import sys
import time

MARKER = re.compile(r"^<!-- example(?P<again> again)?(?P<options>(?: [a-z]+=[^ ]+)*) -->$")
DOCUMENTED_BASE = "http://127.0.0.1:8080"


def options_of(match):
    return dict(item.split("=", 1) for item in match.group("options").split())


def fenced_block(lines, start):
    """(first line index, closing line index) of the fenced block opening at or after `start`."""
    i = start
    while not lines[i].startswith("```"):
        if lines[i].startswith("<!-- example") or lines[i].startswith("#"):
            raise SystemExit(f"line {start + 1}: no fenced block after the example")
        i += 1
    end = i + 1
    while lines[end] != "```":
        end += 1
    return i, end


def command_of(lines, open_line, close_line):
    """The block's first command, joining lines continued with a backslash."""
    command = []
    for line in lines[open_line + 1:close_line]:
        command.append(line.strip().rstrip("\\").rstrip())
        if not line.endswith("\\"):
            break
    return " ".join(command)


def names_in(options, key):
    return set(filter(None, options.get(key, "").split(",")))


def edited(text, shorten, mask):
    if not shorten and not mask:
        return text

    def edit(key, node):
        if key in shorten and isinstance(node, list):
            node = node[:2]
        if key in mask and isinstance(node, str):
            return node[:3] + "…"
        if isinstance(node, dict):
            return {k: edit(k, v) for k, v in node.items()}
        if isinstance(node, list):
            return [edit(None, v) for v in node]
        return node

    return json.dumps(edit(None, json.loads(text)), ensure_ascii=False, separators=(",", ":"))


def run(command, base_url, workdir):
    command = command.replace(DOCUMENTED_BASE, base_url)
    result = subprocess.run(["bash", "-c", command], cwd=workdir, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"`{command}` failed ({result.returncode}): {result.stderr}")
    return result.stdout.rstrip("\n")


def main(readme, base_url, workdir):
    with open(readme, encoding="utf-8") as f:
        lines = f.read().split("\n")
    last_command = None
    i = 0
    while i < len(lines):
        match = MARKER.match(lines[i])
        if not match:
            i += 1
            continue
        options = options_of(match)
        if match.group("again"):
            if last_command is None:
                raise SystemExit(f"line {i + 1}: 'again' before any example")
            command = last_command
            output_open, output_close = fenced_block(lines, i + 1)
        else:
            sh_open, sh_close = fenced_block(lines, i + 1)
            if lines[sh_open] != "```sh":
                raise SystemExit(f"line {i + 1}: an example marker must precede a ```sh block")
            command = command_of(lines, sh_open, sh_close)
            output_open, output_close = fenced_block(lines, sh_close + 1)
        time.sleep(float(options.get("wait", "0")))
        answer = edited(run(command, base_url, workdir), names_in(options, "shorten"), names_in(options, "mask"))
        lines[output_open + 1:output_close] = answer.split("\n")
        last_command = command
        print(f"example at line {i + 1}: {command[:90]}", file=sys.stderr)
        i = output_open + 1
    with open(readme, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
