#!/usr/bin/env python3
"""Polls a running process's resident memory every 10 ms and prints where it peaked and its
anonymous memory over time (docs/performance.md, "Ninth run"):

    ./dealers validate FILE --root WS --quiet & scripts/rss-timeline.py $!

Anonymous memory is what the process allocated; file-backed memory is the pages of its code
and libraries it touched (shared, and given back by the kernel under pressure)."""
import sys
import time


def sample(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("RssAnon", "RssFile", "State"):
                fields[key] = value.split()[0]
    return fields


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    pid, start, samples = sys.argv[1], time.time(), []
    while True:
        try:
            fields = sample(pid)
        except OSError:
            break
        if fields.get("State") == "Z":
            break
        samples.append((time.time() - start, int(fields.get("RssAnon", 0)), int(fields.get("RssFile", 0))))
        time.sleep(0.01)
    if not samples:
        sys.exit(f"process {pid} not found")
    at, anon, file = max(samples, key=lambda s: s[1] + s[2])
    print(f"peak at {at:.2f} s: {anon // 1024} MiB anonymous + {file // 1024} MiB file-backed")
    step = max(1, len(samples) // 40)
    print("anonymous MiB over time: " + " ".join(f"{s[0]:.1f}s:{s[1] // 1024}" for s in samples[::step]))


if __name__ == "__main__":
    main()
