"""Synthetic events tables and articles, for tests and benchmarks."""
