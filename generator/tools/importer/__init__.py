"""`congkhai import`: national-portal exports → procedure records."""
