"""Extraction quality, measured on the graph `kg build` writes, read back from its RDF.

Pure scoring functions, one module per benchmark; `scripts/evaluate.py` is the thin runner that
writes the input texts, runs `kg build` and calls them.

    rdf_reader.py  graph.nt / graph.ttl -> GraphRecords (entities, facts, documents)
    core.py        Score (precision, recall, F1), name normalisation, detokenisation
    conll04.py     CoNLL04 end-to-end relations (Work_For, Live_In, OrgBased_In, Located_In, Kill)
    news.py        the hand-annotated news articles in tests/gold/ (entities, classes, relations, calibration)
    conll2003.py   CoNLL-2003 entity typing (PER, ORG, LOC) by name occurrence per document
    report.py      the reports as the Markdown tables of docs/quality.md
"""
