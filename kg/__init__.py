"""kg: build a typed, traceable knowledge graph from English news articles."""

__version__ = "0.1.0"
