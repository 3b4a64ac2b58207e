"""The index stage: make the built site searchable (see `pagefind.py`, `markup.py`)."""
