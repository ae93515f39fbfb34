"""Storage, search and answers over ingested passages."""
