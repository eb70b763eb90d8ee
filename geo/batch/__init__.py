"""The batch build: articles in, events table out, incremental, on one process or on Dask."""
