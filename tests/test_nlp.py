"""Choosing and identifying the spaCy model, without loading it where that can be avoided."""

from __future__ import annotations

import json

import pytest

from graphbuild import nlp


def test_a_missing_model_names_the_install_command():
    with pytest.raises(nlp.ModelNotFoundError, match="pip install"):
        nlp.choose_model("no_such_model_package_xyz")


def test_installed_model_id_reads_meta_json_of_a_folder(tmp_path):
    (tmp_path / "meta.json").write_text(
        json.dumps({"lang": "en", "name": "core_test_sm", "version": "1.2.3"}), encoding="utf-8"
    )
    assert nlp.installed_model_id(str(tmp_path)) == "en_core_test_sm-1.2.3"
    assert nlp.installed_model_id(str(tmp_path / "nowhere")) is None


def test_the_default_model_is_installed_and_identified_without_loading():
    name = nlp.choose_model()
    assert name in nlp.DEFAULT_MODELS
    assert nlp.installed_model_id(name).startswith("en_core_web_sm")


@pytest.mark.model
def test_model_id_of_a_loaded_pipeline_equals_the_installed_one():
    name = nlp.choose_model()
    assert nlp.model_id(nlp.load_pipeline()) == nlp.installed_model_id(name)
