"""Loading the spaCy pipeline: the model is a setting, resolved once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from newsledger.errors import ModelNotFoundError
from newsledger.extract.article.sentences import add_layout_component
from newsledger.extract.entities import add_entity_components
from newsledger.extract.tagging_tables import table_tagging
from newsledger.settings import resolve_model_name

# Components the extractors never read; excluding them is the main speed lever we have.
UNUSED_COMPONENTS: tuple[str, ...] = ()


def load_base_pipeline(requested: str | None = None) -> Language:
    """The bare spaCy pipeline, as spaCy ships it (the benchmark's baseline)."""
    return _load(resolve_model_name(requested), with_components=False)


def load_pipeline(requested: str | None = None) -> Language:
    """The spaCy pipeline with NewsLedger's components added (gazetteer and friends)."""
    return _load(resolve_model_name(requested), with_components=True)


# Keyed on the resolved name so that `load_pipeline()` and `load_pipeline(None)` share one load.
@lru_cache(maxsize=4)
def _load(name: str, *, with_components: bool) -> Language:
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy model {name!r} could not be loaded ({e}); install it or choose another "
            "with --model / NEWSLEDGER_MODEL"
        ) from e
    if with_components:
        table_tagging(nlp)
        _tune_tokenizer(nlp)
        add_layout_component(nlp)
        add_entity_components(nlp)
    return nlp


# Breaks the default tokenizer leaves inside a word: "U.S.-South Korea" (a hyphen after an
# abbreviation's full stop) and "Korea(DPRK)" (a bracket typed with no space before it).
# ("Lt.-Gen Tukur Buratai" keeps its title whole: only an initialism's dots, "U.S.", "U.K.")
_GLUED_NAME_INFIXES = (r"(?<=[A-Z]\.[A-Z]\.)-(?=[A-Z])", r"(?<=[a-z])\((?=[A-Z])")


# A full stop the default tokenizer keeps on a word: after a designation ending in a digit and
# a capital ("the M-1A.", "an F-16A.", "a T-72B."), read like an initial's ("U.S."), it hid the
# sentence's end, and the next sentence's verb took this one's subject.
_DESIGNATION_STOP_SUFFIXES = (r"(?<=[0-9][A-Z])\.",)


def _tune_tokenizer(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer keeps its own rules
    infixes = [*(nlp.Defaults.infixes or ()), *_GLUED_NAME_INFIXES]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    suffixes = [*(nlp.Defaults.suffixes or ()), *_DESIGNATION_STOP_SUFFIXES]
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
