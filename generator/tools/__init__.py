"""Editors' tools: the `congkhai` command (`cli.py`) and its sub-commands — check, new, diff,
import, init — plus the generators of the editors' field guide."""
