"""congkhai: publish administrative procedures and reform scores as a static site."""

__version__ = "0.1.0"
