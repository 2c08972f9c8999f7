"""Reports -> the Markdown tables of docs/quality.md and the README. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.evaluate.archive import ArchiveReport, markdown_tables, summary_rows
from kg.evaluate.conll04 import RELATION_TYPES, Conll04Report
from kg.evaluate.conll2003 import TYPES, Conll2003Report
from kg.evaluate.core import Score
from kg.evaluate.news import NewsReport, by_predicate, calibrate, precision_by_rule
from kg.evaluate.redocred import RELATION_MAP, RedocredReport, missed_by_reason

# Published end-to-end relation F1 on CoNLL04 test (micro), and a rule-based tutorial pipeline.
CONLL04_ANCHORS = "SpERT 0.715, REBEL 0.754, ReLiK 0.781 (transformers on GPUs); spaCy NER + dependency rules ≈ 0.18"
CONFIDENT = 0.8  # facts at or above this confidence should be right at least 90% of the time


@dataclass(frozen=True)
class Results:
    conll04: Sequence[Conll04Report] = ()
    news: Sequence[NewsReport] = ()
    conll2003: Conll2003Report | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    redocred: Sequence[RedocredReport] = ()
    archive: Sequence[ArchiveReport] = ()


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _f(value: float) -> str:
    return f"{value:.3f}"


def _prf(score: Score) -> str:
    return f"{_f(score.f1)} ({_f(score.precision)} / {_f(score.recall)})"


def summary_table(results: Results) -> list[str]:
    """The headline figures beside the targets and the published anchors."""
    rows = [
        "| benchmark | measure | kg | target | published anchors |",
        "| --- | --- | --- | --- | --- |",
    ]
    for report in results.conll04:
        target = "≥ 0.45" if report.split == "test" else "(tuning split)"
        anchors = CONLL04_ANCHORS if report.split == "test" else ""
        rows.append(
            f"| CoNLL04 {report.split} ({_n(report.n_sentences, 'sentence')}) | relation F1, micro (P / R) "
            f"| {_prf(report.micro)} | {target} | {anchors} |"
        )
        rows.append(f"| | relation F1, macro over the 5 types | {_f(report.macro_f1)} | | |")
        rows.append(f"| | relation F1, lenient spans (P / R) | {_prf(report.lenient)} | | |")
    for news in results.news:
        rows += _news_rows(news)
    if results.news:
        confident = calibrate(p for n in results.news for d in n.documents for p in d.calibration)[0]
        n_docs = sum(len(n.documents) for n in results.news)
        rows.append(
            f"| Annotated news ({_n(n_docs, 'article')}) | precision of facts at confidence ≥ {CONFIDENT} "
            f"| {_f(confident.precision)} ({confident.n_right}/{confident.n_facts}) | ≥ 0.90 | |"
        )
    if results.conll2003 is not None:
        typing = results.conll2003
        rows += [
            f"| CoNLL-2003 test ({_n(typing.n_documents, 'document')}) "
            f"| PER/ORG/LOC names per document, typed F1 (P / R) | {_prf(typing.typed)} | (check) | |",
            f"| | untyped F1 (P / R) | {_prf(typing.untyped)} | | |",
            f"| | type accuracy of the gold names found | {_f(typing.type_accuracy)} | | |",
        ]
    for redocred in results.redocred:
        rows += redocred_rows(redocred)
    for archive in results.archive:
        rows += summary_rows(archive)
    return rows


def redocred_rows(report: RedocredReport) -> list[str]:
    """The summary rows of one Re-DocRED split: the mapped subset, strict precision, the misses."""
    target = "≥ 0.30" if report.split == "test" else "(tuning split)"
    n_judged = report.micro.n_system
    reasons = ", ".join(f"{why} {n}" for why, n in missed_by_reason(report).items())
    return [
        f"| Re-DocRED {report.split} ({_n(report.n_documents, 'document')}) | relation F1 on the mapped subset (P / R) "
        f"| {_prf(report.micro)} | {target} | |",
        f"| | precision with the {report.n_unjudged} facts outside Re-DocRED's entities counted wrong "
        f"| {_f(report.strict.precision)} ({report.micro.tp_system}/{n_judged + report.n_unjudged}) | | |",
        f"| | gold labels missed, by reason | {reasons} | | |",
        *(
            [
                "| | relation F1 (P / R) with the gazetteer's locatedIn facts between places the document names "
                f"| {_prf(report.with_gazetteer)} | | |"
            ]
            if report.with_gazetteer is not None
            else []
        ),
    ]


# targets per set: entity F1, class accuracy, relation F1 (the news test split: the issues' figures)
NEWS_TARGETS = {
    "seeds": ("≥ 0.90", "≥ 0.95", "≥ 0.70"),
    "news-test": ("≥ 0.95", "≥ 0.97", "≥ 0.60 at P ≥ 0.80"),
}
# the sources of the news corpus, by gold file name prefix
NEWS_SOURCES = {"bbc": "bbc-politics", "wn": "wikinews-sources", "misc": "news-misc"}


def news_by_source(report: NewsReport) -> list[NewsReport]:
    """One report per source of the articles (bbc-politics, wikinews-sources), when there are several."""
    groups: dict[str, list] = {}
    for document in report.documents:
        groups.setdefault(document.name.split("-")[0], []).append(document)
    if len(groups) < 2:
        return []
    return [
        NewsReport(f"{report.name}, {NEWS_SOURCES.get(prefix, prefix)}", tuple(documents))
        for prefix, documents in sorted(groups.items())
    ]


def _news_rows(news: NewsReport) -> list[str]:
    entity_target, class_target, relation_target = NEWS_TARGETS.get(news.name, ("", "", ""))
    rows = [
        f"| {news.name} ({_n(len(news.documents), 'article')}) | entity F1, micro (P / R) "
        f"| {_prf(news.entities)} | {entity_target} | |",
        f"| | class accuracy of matched entities | {_f(news.class_accuracy)} | {class_target} | |",
        f"| | relation F1, micro (P / R) | {_prf(news.relations)} | {relation_target} | |",
    ]
    for part in news_by_source(news):
        rows += [
            f"| {part.name} ({_n(len(part.documents), 'article')}) | entity F1 / class accuracy "
            f"| {_f(part.entities.f1)} / {_f(part.class_accuracy)} | | |",
            f"| | relation F1 (P / R) | {_prf(part.relations)} | | |",
        ]
    return rows


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _counts(score: Score) -> tuple[str, str, str]:
    return _f(score.precision), _f(score.recall), _f(score.f1)


def conll04_table(reports: Sequence[Conll04Report]) -> list[str]:
    rows = [_row("split", "type", "gold", "predicted", "P", "R", "F1"), _row(*["---"] * 7)]
    for report in reports:
        for kind in RELATION_TYPES:
            s = report.by_type[kind]
            rows.append(_row(report.split, kind, s.n_gold, s.n_system, *_counts(s)))
        m = report.micro
        rows.append(_row(report.split, "all (micro)", m.n_gold, m.n_system, *_counts(m)))
    return rows


def news_table(reports: Sequence[NewsReport]) -> list[str]:
    rows = [
        _row("article", "entities gold / system", "entity P", "R", "F1", "class acc.")
        + _row("relations gold / system", "relation P", "R", "F1")[1:],
        _row(*["---"] * 10),
    ]
    for report in reports:
        lines = [(d.name, d.entities, d.class_accuracy, d.relations) for d in report.documents]
        lines.append((f"**{report.name}, micro**", report.entities, report.class_accuracy, report.relations))
        for name, e, accuracy, r in lines:
            rows.append(
                _row(
                    name,
                    f"{e.n_gold} / {e.n_system}",
                    *_counts(e),
                    _f(accuracy),
                    f"{r.n_gold} / {r.n_system}",
                    *_counts(r),
                )
            )
        rows.append(
            _row(
                f"**{report.name}, mean**",
                "",
                "",
                "",
                _f(report.mean_entity_f1),
                "",
                "",
                "",
                "",
                _f(report.mean_relation_f1),
            )
        )
    return rows


def calibration_table(reports: Sequence[NewsReport]) -> list[str]:
    rows = ["| set | confidence | facts | right | precision |", "| --- | --- | --- | --- | --- |"]
    sets = [(r.name, [p for d in r.documents for p in d.calibration]) for r in reports]
    if len(reports) > 1:
        sets.append(("all", [p for _, points in sets for p in points]))
    for name, points in sets:
        for b in calibrate(points):
            band = f"[{b.low:.1f}, {b.high:.1f}]" if b.high >= 1.0 else f"[{b.low:.1f}, {b.high:.1f})"
            rows.append(f"| {name} | {band} | {b.n_facts} | {b.n_right} | {_f(b.precision)} |")
    return rows


def predicate_table(reports: Sequence[NewsReport]) -> list[str]:
    """Each predicate's facts and gold relations per split (seeds left out: they are fit)."""
    rows = ["| set | predicate | gold | stated | P | R | F1 |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for report in reports:
        if report.name == "seeds":
            continue
        for predicate, score in by_predicate(report.documents).items():
            rows.append(
                f"| {report.name} | {predicate} | {score.n_gold} | {score.n_system} | {_f(score.precision)} |"
                f" {_f(score.recall)} | {_f(score.f1)} |"
            )
    return rows


def rule_table(reports: Sequence[NewsReport]) -> list[str]:
    """Precision of each extraction rule's facts on the annotated news, largest first."""
    rows = ["| rule | facts | right | precision | highest confidence |", "| --- | --- | --- | --- | --- |"]
    scores = precision_by_rule(d for r in reports for d in r.documents)
    for score in sorted(scores, key=lambda s: (-s.n_facts, s.rule)):
        rows.append(
            f"| {score.rule} | {score.n_facts} | {score.n_right} | {_f(score.precision)} | {score.confidence:.2f} |"
        )
    return rows


def conll2003_table(report: Conll2003Report) -> list[str]:
    rows = ["| type | gold | system | P | R | F1 |", "| --- | --- | --- | --- | --- | --- |"]
    for kind in TYPES:
        s = report.by_type[kind]
        rows.append(f"| {kind} | {s.n_gold} | {s.n_system} | {_f(s.precision)} | {_f(s.recall)} | {_f(s.f1)} |")
    t = report.typed
    rows.append(f"| all | {t.n_gold} | {t.n_system} | {_f(t.precision)} | {_f(t.recall)} | {_f(t.f1)} |")
    return rows


def redocred_tables(reports: Sequence[RedocredReport]) -> tuple[list[str], list[str]]:
    """Per kg predicate: P / R / F1. Per mapped relation: the gold labels found. Precision is the
    predicates': one fact may stand for several relations (a city's P131 and P17 at once)."""
    relations: dict[str, tuple[str, list[str]]] = {}
    for row in RELATION_MAP:
        predicates = relations.setdefault(row.relation, (row.name, []))[1]
        if row.predicate not in predicates:
            predicates.append(row.predicate)
    by_predicate = [_row("split", "kg predicate", "Wikidata relations", "gold", "facts", "P", "R", "F1")]
    by_predicate.append(_row(*["---"] * 8))
    by_relation = [_row("split", "relation", "kg predicate", "gold", "found", "R"), _row(*["---"] * 6)]
    for report in reports:
        for predicate, s in report.by_predicate.items():
            ids = " ".join(row.relation for row in RELATION_MAP if row.predicate == predicate)
            by_predicate.append(_row(report.split, predicate, ids, s.n_gold, s.n_system, *_counts(s)))
        m = report.micro
        by_predicate.append(_row(report.split, "all (micro)", "", m.n_gold, m.n_system, *_counts(m)))
        for relation, s in report.by_relation.items():
            name, predicates = relations[relation]
            by_relation.append(
                _row(report.split, f"{relation} {name}", ", ".join(predicates), s.n_gold, s.tp_gold, _f(s.recall))
            )
    return by_predicate, by_relation


def to_markdown(results: Results) -> str:
    """Every table, each under a heading; the first is the README's."""
    parts = ["### Summary", "", *summary_table(results)]
    if results.conll04:
        parts += ["", "### CoNLL04 per relation type", "", *conll04_table(results.conll04)]
    if results.news:
        parts += ["", "### Annotated news per article", "", *news_table(results.news)]
        parts += ["", "### Annotated news per predicate", "", *predicate_table(results.news)]
        parts += ["", "### Calibration of fact confidence (annotated news)", "", *calibration_table(results.news)]
        parts += ["", "### Precision per extraction rule (annotated news)", "", *rule_table(results.news)]
    if results.conll2003 is not None:
        parts += ["", "### CoNLL-2003 test, entity names per type", "", *conll2003_table(results.conll2003)]
    if results.redocred:
        by_predicate, by_relation = redocred_tables(results.redocred)
        parts += ["", "### Re-DocRED per kg predicate (mapped subset)", "", *by_predicate]
        parts += ["", "### Re-DocRED gold labels per mapped relation", "", *by_relation]
    if results.archive:
        parts += ["", "### Archives: judged nodes (most-mentioned and drawn)", "", *markdown_tables(results.archive)]
    if results.seconds:
        timing = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in results.seconds.items())
        parts += ["", f"Runtime (build and scoring): {timing}."]
    return "\n".join(parts) + "\n"
