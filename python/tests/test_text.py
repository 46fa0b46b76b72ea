"""The Python half of text and adapt (jkeras.text), on real Keras layers."""
import keras
import numpy as np
import pytest

from jkeras import datasets, text


def test_adapt_passes_only_the_options_given_and_vocabulary_is_plain():
    lookup = keras.layers.IntegerLookup()
    text.adapt(lookup, np.array([7, 7, 3]), None, None)
    assert text.vocabulary(lookup) == [-1, 7, 3]
    words = keras.layers.StringLookup()
    text.set_vocabulary(words, ["a", "b"])
    assert text.vocabulary(words) == ["[UNK]", "a", "b"]
    assert all(isinstance(v, str) for v in text.vocabulary(words))


def test_adapt_on_a_layer_without_it_names_the_layer():
    with pytest.raises(TypeError, match="Dense has no adapt"):
        text.adapt(keras.layers.Dense(2), np.zeros((2, 2)), None, None)
    with pytest.raises(TypeError, match="has no vocabulary"):
        text.vocabulary(keras.layers.Dense(2))


def test_text_vectorization_adapts_from_strings_as_data():
    vectorizer = keras.layers.TextVectorization(standardize=None, split="whitespace")
    hostile = "__import__('os').system('true')"
    text.adapt(vectorizer, np.array(["x " + hostile, "naïve 東京"], dtype=object), 2, None)
    assert hostile in text.vocabulary(vectorizer)
    assert "東京" in text.vocabulary(vectorizer)


def test_timeseries_builder_takes_java_keywords(tmp_path):
    windows = datasets.timeseries_dataset_from_array(np.arange(20, dtype="float32").reshape(20, 1), None, 5, {"batch_size": 4})
    batches = list(windows.as_numpy_iterator())
    assert sum(len(b) for b in batches) == 16
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("hello")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("world")
    found = datasets.text_dataset_from_directory(str(tmp_path), {"batch_size": 2, "shuffle": False})
    assert found.class_names == ["a", "b"]
