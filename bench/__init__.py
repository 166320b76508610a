"""Benchmarks (BENCH.md): each script prints one JSON line of figures last."""
