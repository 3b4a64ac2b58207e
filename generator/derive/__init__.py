"""Resolve and derive stages: references between records followed once (`catalogue.py`), and
everything computed from them (`site_data.derive`: summaries, scores, rankings)."""
