"""The procedure search: a static, sharded index built for Vietnamese names.

A library used by two stages: `records` checks the citizens' words file editors keep
(`synonyms.py`); the site's search family builds the index files (`build.py`) that the browser
client (`site/assets/search.js`) fetches shard by shard. `normalize.py` holds the text rules
both sides share (the client mirrors them; tests compare the two on real text).
"""

from .build import build_index, fnv1a, index_files, index_tokens, name_tokens, term_file
from .model import IndexOptions, IndexReport, SearchDoc
from .normalize import accent_key, accented_tokens, fold, fold_token, tokens
from .synonyms import Synonyms, SynonymsError, check_synonyms, load_synonyms

__all__ = [
    "IndexOptions",
    "IndexReport",
    "SearchDoc",
    "Synonyms",
    "SynonymsError",
    "accent_key",
    "accented_tokens",
    "build_index",
    "check_synonyms",
    "fnv1a",
    "fold",
    "fold_token",
    "index_files",
    "index_tokens",
    "load_synonyms",
    "name_tokens",
    "term_file",
    "tokens",
]
