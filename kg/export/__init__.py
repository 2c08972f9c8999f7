"""Exporters: each `to_x(graph) -> str` is pure; the registry in kg.export.registry lists them."""
