"""The events table: its schema, its file formats, the month-partitioned Parquet dataset."""
