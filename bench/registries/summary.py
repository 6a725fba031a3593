#!/usr/bin/env python3
"""Markdown summary of bench/registries.sh: hyperfine's JSON exports (the mock's command first,
then its peers) and the servers' peak RSS.

  summary.py HEADER NPM_JSON PIP_JSON [SERVER=MIB ...]
"""

import json
import statistics
import sys

# The goals: peer median / mock median at least this much.
GOALS = {"npm": 3.0, "pip": 1.0}
WORK = {"npm": "npm install, cold cache", "pip": "pip download --no-deps --no-cache-dir"}


def cell(times):
    return f"{statistics.median(times):.3f} ({min(times):.3f} to {max(times):.3f})"


def main(header, npm_json, pip_json, *rss):
    print("## Package registries: the mock vs Verdaccio and pypiserver")
    print()
    print(header)
    print()
    print("| Work | Mock median [s] (min to max) | Peer | Peer median [s] (min to max) | Peer / mock | Goal |")
    print("|:---|---:|:---|---:|---:|:---|")
    for kind, path in (("npm", npm_json), ("pip", pip_json)):
        with open(path) as f:
            results = json.load(f)["results"]
        mock, peers = results[0]["times"], results[1:]
        for peer in peers:
            # Commands are named "<work> from <registry>".
            name = peer["command"].split(" from ", 1)[-1]
            ratio = statistics.median(peer["times"]) / statistics.median(mock)
            verdict = "met" if ratio >= GOALS[kind] else "NOT met"
            print(f"| {WORK[kind]} | {cell(mock)} | {name} | {cell(peer['times'])} | "
                  f"{ratio:.2f}x | >= {GOALS[kind]:g}x: {verdict} |")
    print()
    print("| Server | Peak RSS (VmHWM) [MiB] |")
    print("|:---|---:|")
    for item in rss:
        server, mib = item.rsplit("=", 1)
        print(f"| {server} | {mib} |")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
