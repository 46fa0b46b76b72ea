"""The staged serving call in plain CPython: Java's side of the header protocol played by NumPy."""
import keras
import numpy as np

from jkeras import serving

DTYPES = ["float32", "float64", "float16", "int8", "int16", "int32", "int64", "uint8", "bool"]


def staged(predictor, inputs):
    """Does what StagedCall.java does: copy inputs into the buffers, describe them, run, read the outputs."""
    header = predictor._header
    described = [len(inputs)]
    for index, x in enumerate(inputs):
        address, capacity = predictor.staging(index, x.nbytes)
        assert capacity >= x.nbytes and address % 64 == 0
        predictor._staging[index][: x.nbytes] = np.frombuffer(x.tobytes(), np.uint8)
        described += [DTYPES.index(x.dtype.name), x.ndim, *x.shape]
    header[: len(described)] = described
    predictor.run_staged()
    at = predictor._in_slots
    outputs = []
    for _ in range(int(header[at])):
        address, nbytes, dtype, rank = (int(v) for v in header[at + 1: at + 5])
        shape = tuple(int(v) for v in header[at + 5: at + 5 + rank])
        at += 4 + rank
        buffer = next(b for a, b in predictor._out_buffers if a == address)
        outputs.append(np.frombuffer(buffer[:nbytes].tobytes(), DTYPES[dtype]).reshape(shape))
    return outputs


def test_staged_call_equals_predict_on_batch():
    keras.utils.set_random_seed(0)
    # Named: Keras numbers unnamed inputs per process, so the name would depend on the tests run before.
    model = keras.Sequential([keras.Input((4,), name="features"), keras.layers.Dense(3)])
    predictor = serving.Predictor(model, DTYPES)
    for rows in (1, 5, 64):
        x = np.random.rand(rows, 4).astype("float32")
        (out,) = staged(predictor, [x])
        np.testing.assert_allclose(out, model.predict_on_batch(x), rtol=1e-6)
    signature = predictor.signature()
    assert signature["inputs"] == [["features", "float32", [-1, 4]]]
    assert signature["outputs"][0][1:] == ["float32", [-1, 3]]
    assert signature["pads_batches"] is False


def test_two_inputs_two_outputs_by_name():
    keras.utils.set_random_seed(0)
    a = keras.Input((3,), name="a")
    b = keras.Input((2,), name="b")
    joined = keras.layers.Concatenate()([a, b])
    model = keras.Model([a, b], [keras.layers.Dense(4, name="sum")(joined), keras.layers.Dense(1, name="score")(joined)])
    predictor = serving.Predictor(model, DTYPES)
    assert [i[0] for i in predictor.signature()["inputs"]] == ["a", "b"]
    assert [o[0] for o in predictor.signature()["outputs"]] == ["sum", "score"]
    xa, xb = np.random.rand(2, 3).astype("float32"), np.random.rand(2, 2).astype("float32")
    got = staged(predictor, [xa, xb])
    want = model.predict_on_batch([xa, xb])
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-6)


def test_dict_inputs_follow_keras_tree_order():
    keras.utils.set_random_seed(0)
    b = keras.Input((2,), name="b")
    a = keras.Input((3,), name="a")
    model = keras.Model({"b": b, "a": a}, keras.layers.Dense(1)(keras.layers.Concatenate()([a, b])))
    predictor = serving.Predictor(model, DTYPES)
    names = [i[0] for i in predictor.signature()["inputs"]]
    assert names == ["a", "b"]  # keras.tree sorts a dict's keys
    xa, xb = np.random.rand(1, 3).astype("float32"), np.random.rand(1, 2).astype("float32")
    (got,) = staged(predictor, [xa, xb])
    np.testing.assert_allclose(got, model.predict_on_batch({"a": xa, "b": xb}), rtol=1e-6)


def test_buffers_grow_and_stay_aligned():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
    predictor = serving.Predictor(model, DTYPES)
    first, _ = predictor.staging(0, 16)
    grown, capacity = predictor.staging(0, 10_000)
    assert capacity >= 10_000 and grown % 64 == 0 and first % 64 == 0
    assert predictor.staging(0, 100) == [grown, capacity]  # big enough: kept
