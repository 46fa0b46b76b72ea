"""jkeras.ops.call in plain CPython (no JVM): eager on NumPy values, symbolic on Python tensors."""
import keras
import numpy as np
import pytest

from jkeras import convert, introspect, ops


def test_the_table_is_what_introspect_lists_for_the_three_families():
    paths = {e["path"] for f in ops.FAMILIES for e in introspect.public_api(f)["generated"]}
    assert set(ops.functions()) == paths
    assert ops.functions()["keras.ops.add"] is keras.ops.add
    assert ops.functions()["keras.ops.image.resize"] is keras.ops.image.resize
    assert ops.functions()["keras.random.normal"] is keras.random.normal
    assert "keras.ops.while_loop" not in paths  # takes Python functions: skipped with a reason


@pytest.mark.parametrize("path", ["keras.ops.nope", "os.system", "keras.ops.while_loop", "keras.ops"])
def test_a_name_outside_the_table_is_an_error_naming_it(path):
    with pytest.raises(ValueError, match=path.replace(".", r"\.")):
        ops.call(path, None)


def test_eager_results_are_numpy_arrays_equal_to_numpy_s_own():
    a = np.arange(6, dtype="float32").reshape(2, 3)
    b = np.ones((3, 2), dtype="float32")
    product = ops.call("keras.ops.matmul", None, a, b)
    assert isinstance(product, np.ndarray)
    np.testing.assert_allclose(product, a @ b)
    total = ops.call("keras.ops.sum", {"axis": 1, "keepdims": True}, a)
    np.testing.assert_allclose(total, a.sum(axis=1, keepdims=True))
    np.testing.assert_allclose(ops.call("keras.ops.add", None, a, 1), a + 1)


def test_a_scalar_result_is_a_zero_dimensional_array_and_python_values_stay_python():
    total = ops.call("keras.ops.sum", None, np.arange(4, dtype="float32"))
    assert isinstance(total, np.ndarray) and total.shape == () and float(total) == 6.0
    assert ops.call("keras.ops.ndim", None, np.zeros((2, 3))) == 2
    assert ops.call("keras.ops.shape", None, np.zeros((2, 3))) == [2, 3]


def test_several_results_come_back_as_a_list_of_arrays():
    values, indices = ops.call("keras.ops.top_k", None, np.array([1.0, 5.0, 3.0], dtype="float32"), 2)
    np.testing.assert_allclose(values, [5.0, 3.0])
    np.testing.assert_array_equal(indices, [1, 2])
    assert isinstance(ops.call("keras.ops.top_k", None, np.array([1.0, 2.0]), 1), list)


def test_random_functions_run_eagerly_and_a_seed_repeats_them():
    first = ops.call("keras.random.uniform", {"seed": 3}, (1000,))
    again = ops.call("keras.random.uniform", {"seed": 3}, (1000,))
    assert isinstance(first, np.ndarray) and first.shape == (1000,)
    np.testing.assert_array_equal(first, again)
    assert 0.0 <= first.min() and first.max() < 1.0


def test_keras_tensors_give_keras_tensors_and_build_a_functional_model():
    inputs = keras.Input((3,))
    out = ops.call("keras.ops.add", None, ops.call("keras.ops.multiply", None, inputs, 2.0), 1.0)
    assert isinstance(out, keras.KerasTensor)
    model = keras.Model(inputs, out)
    x = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_allclose(model.predict(x, verbose=0), x * 2 + 1)


def test_a_backend_tensor_argument_gives_a_backend_tensor_back():
    variable = keras.Variable(np.array([1.0, 2.0], dtype="float32"))
    out = ops.call("keras.ops.multiply", None, variable, 3.0)
    # In a Handle: Jep would copy a tensor with the buffer protocol into a Java array.
    assert isinstance(out, convert.Handle) and keras.ops.is_tensor(out.value)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(out.value), [3.0, 6.0])
    assert convert.from_java(out) is out.value  # Java passing it back gives Python the tensor itself
    assert out.shape == out.value.shape
    # In a list too (concatenate takes one).
    joined = ops.call("keras.ops.concatenate", None, [variable, np.zeros(1, dtype="float32")])
    assert isinstance(joined, convert.Handle)


@pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="traces with tf.function")
def test_inside_a_traced_function_symbolic_tensors_stay_symbolic():
    import tensorflow as tf

    seen = {}

    @tf.function
    def traced(x):
        y = ops.call("keras.ops.add", None, x, 1.0).value    # a symbolic argument
        ones = ops.call("keras.ops.ones", None, (2,))        # Java values only, but traced: symbolic
        seen["ones"] = type(ones.value).__name__
        return y + ones.value

    np.testing.assert_allclose(traced(tf.constant([1.0, 2.0])).numpy(), [3.0, 4.0])
    assert seen["ones"] == "SymbolicTensor"


def test_to_numpy_leaves_what_is_not_a_tensor_alone():
    assert ops.to_numpy((1, "a", None)) == [1, "a", None]
    assert ops.is_handle(np.zeros(2)) is False and ops.is_handle(3) is False
    assert ops.is_handle(keras.Input((2,))) is True


@pytest.mark.skipif(keras.backend.backend() != "jax", reason="traces with jax.jit")
def test_inside_jax_jit_tracers_stay_tracers():
    import jax

    seen = {}

    @jax.jit
    def traced(x):
        y = ops.call("keras.ops.add", None, x, 1.0).value
        ones = ops.call("keras.ops.ones", None, (2,))        # no tracer in, but made inside the trace
        seen["ones"] = isinstance(ones.value, jax.core.Tracer)
        return y + ones.value

    np.testing.assert_allclose(np.asarray(traced(np.array([1.0, 2.0], dtype="float32"))), [3.0, 4.0])
    assert seen["ones"] is True
