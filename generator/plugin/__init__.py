"""The MkDocs adapter (`plugin.py`) and the theme templates that frame generated pages."""
