// The benchmark: see docs/performance.md.
print("dealers-bench")
