"""The Python half of the Java data-source hand-over (jkeras.data), with a Python stand-in for Java.

The stand-in does what jkeras.data.Feed does: it answers START with the batches of that pass,
written as messages over memory it keeps alive (NumPy arrays here, Arrow memory in Java) until
Python says RELEASED. Keras runs for real on the backend of this venv (TensorFlow): its tf.data
threads pull the batches.
"""
import gc
import os
import struct
import threading
import time

import numpy as np
import pytest

from jkeras import data


class FakeJava:
    """Answers a feed's pipes as Java would, on its own thread."""

    def __init__(self, batches_per_pass, fail_at=None):
        self.feed_id = 9000 + id(self) % 1000
        self.batches_per_pass = batches_per_pass  # callable: pass -> list of (x, y) arrays
        self.fail_at = fail_at
        ends = data.open_channel(self.feed_id)
        self.ready = os.fdopen(os.dup(ends[0]), "wb", buffering=0)
        self.returns = os.fdopen(os.dup(ends[1]), "rb", buffering=0)
        self.held = {}  # batch id -> arrays, kept until RELEASED
        self.taken = set()
        self.released = set()
        self.started = []
        self.closed = threading.Event()
        self.eof = threading.Event()
        self._ids = iter(range(1, 1 << 30))
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def spec(self, x, y):
        return [["single", "single", None], [[str(x.dtype), list(x.shape[1:])], [str(y.dtype), list(y.shape[1:])]]]

    def start(self):
        self.thread.start()

    def _publish(self, pass_number, index, arrays):
        with self._lock:
            batch_id = next(self._ids)
            self.held[batch_id] = arrays
        body = b"".join(
            struct.pack(f"<{4 + a.ndim}q", a.__array_interface__["data"][0], a.nbytes, 0, a.ndim, *a.shape) for a in arrays
        )
        self.ready.write(struct.pack("<iiiiq", data.BATCH, pass_number, index, len(body), batch_id) + body)

    def _produce(self, pass_number):
        for index, arrays in enumerate(self.batches_per_pass(pass_number)):
            if self.fail_at == (pass_number, index):
                text = "java.lang.IllegalStateException: disk on fire".encode()
                self.ready.write(struct.pack("<iiiiq", data.FAIL, pass_number, index, len(text), 0) + text)
                return
            self._publish(pass_number, index, arrays)
        self.ready.write(struct.pack("<iiiiq", data.END, pass_number, 0, 0, 0))

    def _serve(self):
        while True:
            note = self.returns.read(16)
            if len(note) < 16:
                self.eof.set()
                return
            kind, pass_number, batch_id = struct.unpack("<iiq", note)
            if kind == data.START:
                self.started.append(pass_number)
                self._produce(pass_number)
            elif kind == data.TAKEN:
                self.taken.add(batch_id)
            elif kind == data.RELEASED:
                with self._lock:
                    self.released.add(batch_id)
                    self.held.pop(batch_id, None)
            elif kind == data.CLOSE:
                self.closed.set()

    def wait_released(self, count, seconds=10):
        deadline = time.time() + seconds
        while time.time() < deadline:
            gc.collect()
            if len(self.released) >= count:
                return True
            time.sleep(0.01)
        return False


def _dataset(n=64, features=5, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, features)).astype("float32")
    y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")
    return x, y


def _batches(x, y, size):
    return lambda pass_number: [(x[i : i + size], y[i : i + size]) for i in range(0, len(x), size)]


def _feed(java, x, y, num_batches):
    feed = data.make_feed(java.feed_id, java.spec(x, y), num_batches)
    java.start()
    return feed


def test_numpy_iterator_gives_arrays_over_the_producers_memory_and_releases_them():
    x, y = _dataset()
    java = FakeJava(_batches(x, y, 16))
    feed = _feed(java, x, y, 4)
    seen = list(feed.get_numpy_iterator())
    assert len(seen) == 4
    first_x, first_y = seen[0]
    assert np.array_equal(first_x, x[:16]) and np.array_equal(first_y, y[:16])
    assert first_x.__array_interface__["data"][0] == x.__array_interface__["data"][0], "no copy"
    assert java.started == [0]
    del seen, first_x, first_y
    assert java.wait_released(4)
    assert java.taken == java.released
    del feed
    gc.collect()
    assert java.closed.wait(5), "dropping the feed tells Java"


def test_each_iterator_is_a_new_pass_and_an_abandoned_one_gives_back_its_batches():
    x, y = _dataset()
    java = FakeJava(_batches(x, y, 8))
    feed = _feed(java, x, y, 8)
    first = feed.get_numpy_iterator()
    next(first)
    second = list(feed.get_numpy_iterator())  # the first pass is abandoned after one batch
    assert len(second) == 8
    assert np.array_equal(second[0][0], x[:8])
    assert next(first, None) is None, "an abandoned pass ends"
    del first, second
    assert java.wait_released(16)
    assert java.started == [0, 1]
    assert not java.held


def test_tensorflow_threads_pull_batches_and_fit_trains():
    import keras

    x, y = _dataset(n=256)
    java = FakeJava(_batches(x, y, 32))
    feed = _feed(java, x, y, 8)
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile("sgd", "binary_crossentropy")
    history = model.fit(feed, epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    assert java.started == [0, 1]
    del history
    gc.collect()
    assert java.wait_released(16)


def test_a_source_failure_raises_an_error_that_names_the_feed_even_through_tensorflow():
    import keras

    x, y = _dataset(n=128)
    java = FakeJava(_batches(x, y, 32), fail_at=(0, 2))
    feed = _feed(java, x, y, 4)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    with pytest.raises(Exception) as failure:
        model.fit(feed, epochs=1, verbose=0)
    assert "disk on fire" in str(failure.value)
    assert data.failed_feed(failure.value) == java.feed_id
    data._failed.pop(java.feed_id, None)


def test_end_of_file_means_java_closed_the_source():
    x, y = _dataset()
    java = FakeJava(lambda p: [])
    feed = _feed(java, x, y, None)
    java.ready.close()
    with pytest.raises(data.DataSourceError, match="closed while Keras was reading"):
        next(iter(feed.get_numpy_iterator()))
    data._failed.pop(java.feed_id, None)


def test_strings_arrive_as_an_object_array_of_str():
    texts = ["héllo", "", "wörld ✓"]
    encoded = [t.encode() for t in texts]
    offsets = np.cumsum([0] + [len(e) for e in encoded]).astype("<i8")
    text = np.frombuffer(b"".join(encoded), dtype=np.uint8).copy()
    lease = object()
    out = data._strings(lease, offsets.__array_interface__["data"][0], text.nbytes, text.__array_interface__["data"][0], (3,))
    assert out.dtype == object and out.tolist() == texts


def test_structure_nests_lists_and_dicts():
    structure = data.Structure([[["dict", ["a", "b"]], ["list", 2], "single"], [["float32", [2]], ["int32", []], ["float32", []], ["int64", []], ["float32", []]]])
    nested = structure.nest([1, 2, 3, 4, 5])
    assert nested == ({"a": 1, "b": 2}, (3, 4), 5)
    signature = structure.tf_signature()
    assert signature[0]["a"].shape.as_list() == [None, 2]


def test_a_pass_that_failed_never_reads_again():
    """tf.data's prefetch may ask a failed pass for more: it must end at once, not wait on the pipe
    (a reader stuck there holds one of TensorFlow's pool threads; two of them hung the next test)."""
    x, y = _dataset(n=128)
    java = FakeJava(_batches(x, y, 32), fail_at=(0, 1))
    feed = _feed(java, x, y, 4)
    passes = feed.get_numpy_iterator()
    outcomes = []

    def pull():
        for _ in range(3):
            try:
                next(passes)
                outcomes.append("batch")
            except StopIteration:
                outcomes.append("end")
            except data.DataSourceError:
                outcomes.append("failure")

    puller = threading.Thread(target=pull, daemon=True)
    puller.start()
    puller.join(10)
    assert not puller.is_alive(), f"a read after the failure waits forever: {outcomes}"
    assert outcomes == ["batch", "failure", "end"]
    with pytest.raises(data.DataSourceError, match="failed earlier"):
        next(feed.get_numpy_iterator())  # a new pass of a failed source fails at once too
    data._failed.pop(java.feed_id, None)
