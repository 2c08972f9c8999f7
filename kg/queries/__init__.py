"""Example SPARQL queries shipped with kg, one `<name>.rq` each (see kg.store.examples)."""
