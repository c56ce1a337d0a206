"""The anchor for the downtime benchmark: the reference's calculate_downtime (stage 01-04 of the
Zellular downtime-monitoring example, as described in downtime-reference.md §7), timed on the same
history and windows as Argus.

usage: python3 reference_downtime.py HISTORY_JSON WINDOWS_JSON REPEATS
prints one JSON line: {"results": [...], "median_seconds": ...}
"""
import json
import statistics
import sys
import time


def calculate_downtime(events, from_ts, to_ts):
    inside = [e for e in events if from_ts <= e["timestamp"] <= to_ts]
    if not inside:
        before = [e for e in events if e["timestamp"] < from_ts]
        start = max(before, key=lambda e: e["timestamp"])  # ValueError when empty, as the reference
        return (to_ts - from_ts) if start["state"] == "down" else 0
    downtime = 0
    down_since = from_ts
    for e in inside:
        if e["state"] == "down":
            down_since = e["timestamp"]
        elif e["state"] == "up":
            downtime += e["timestamp"] - down_since
    if inside[-1]["state"] == "down":
        downtime += to_ts - down_since
    return downtime


def main():
    history = json.load(open(sys.argv[1]))
    windows = json.load(open(sys.argv[2]))
    repeats = int(sys.argv[3])
    events = [{"state": "up", "timestamp": 0}] + history
    results = []
    timings = []
    for _ in range(repeats):
        for from_ts, to_ts in windows:
            started = time.perf_counter()
            result = calculate_downtime(events, from_ts, to_ts)
            timings.append(time.perf_counter() - started)
            results.append(result)
    print(json.dumps({"results": results[: len(windows)], "median_seconds": statistics.median(timings)}))


if __name__ == "__main__":
    main()
