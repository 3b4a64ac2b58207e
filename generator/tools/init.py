"""`congkhai init DIR`: start a new agency's site repository (filled in a later step)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    del subparsers
