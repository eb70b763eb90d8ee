"""The dashboard's pure side: filters and URL state, queries over the table, the map."""
