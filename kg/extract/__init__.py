"""Per-document extraction: spaCy Doc -> mentions -> facts. Pure functions only."""
