"""Batches that Java threads produce, taken by Keras on whatever thread it pulls data from.

Keras pulls batches of a data source from threads of its own on some backends: tf.data runs a
generator on TensorFlow's threads, a PyDataset on worker threads. Jep lets Python reach Java only
from the one thread that made the interpreter (jkeras-python), and even dropping a Python reference
to a Java object calls Java. So nothing here touches a Java object once a feed is made:

* Java producer threads (``jkeras.data.Feed``) make each batch in off-heap memory and publish it by
  writing a message into a pipe: the address, size and shape of each array.
* Python, on any thread, reads the next message (``os.read`` blocks with the GIL released, so a
  slow source makes training wait without using a core), builds NumPy arrays over that memory
  through ``__array_interface__`` (no copy), and tells Java it took the batch through a second pipe.
* When NumPy drops the last array of a batch (the lease's ``__del__``, on whatever thread Keras
  drops it), Python writes "released" into that pipe; a Java thread reading it frees the memory.

Pipes are made here with ``os.pipe``; Java opens its ends through ``/proc/self/fd`` while Python
makes the feed, then Python closes its copies of those ends, so that Java closing its write end
reads as end-of-file here, and Python closing its write end (every lease and the feed gone) reads
as end-of-file in Java. Everything below is plain Python, sockets and files: safe on any thread.

Wire format, little-endian. Java -> Python (ready pipe): a header ``kind, pass, index, body bytes,
batch id`` (int32 x4, int64), then the body: for BATCH, per array, int64s ``address, nbytes,
address2, rank, dims...`` (strings: address of int64 offsets, bytes of text, address of the UTF-8
text); for FAIL, the UTF-8 text of the Java exception. Python -> Java (return pipe): ``kind, pass,
batch id`` (int32, int32, int64).
"""
import collections
import itertools
import os
import struct
import threading

import numpy as np

from jkeras import text

# Java -> Python
BATCH, END, FAIL = 1, 2, 3
# Python -> Java
START, TAKEN, RELEASED, CLOSE = 1, 2, 3, 4

_HEADER = struct.Struct("<iiiiq")
_NOTE = struct.Struct("<iiq")
STRING = "string"

# Feeds whose Java source failed, by id: readers record it on any thread (a dict store is atomic
# under the GIL); the error hook reads it on the jkeras-python thread.
_failed = {}
# Channels made by open_channel, waiting for make_feed (jkeras-python thread only).
_opening = {}


class DataSourceError(RuntimeError):
    """The Java data source failed or was closed; Java rethrows its own exception in its place."""

    def __init__(self, feed_id, message):
        super().__init__(f"{message} {marker(feed_id)}")
        self.feed_id = feed_id


def marker(feed_id):
    """Text that names the feed in any message built from a DataSourceError, even one TensorFlow
    turned into its own error type on the way (tf.data keeps the text, not the exception)."""
    return f"[jkeras-feed {feed_id}]"


class _Channel:
    """Python's ends of one feed's two pipes."""

    def __init__(self):
        self.ready_read, self.ready_write = os.pipe()
        self.return_read, self.return_write = os.pipe()
        self._closed = False
        # Room for every message a full queue can have outstanding (Linux' default is 64 KiB), so
        # Java never blocks writing one.
        try:
            import fcntl

            fcntl.fcntl(self.ready_write, fcntl.F_SETPIPE_SZ, 1 << 20)
        except (ImportError, AttributeError, OSError):
            pass

    def java_ends(self):
        return [self.ready_write, self.return_read]

    def connected(self):
        """Java opened its own ends: ours go, so end-of-file means the other side closed."""
        os.close(self.ready_write)
        os.close(self.return_read)
        self.ready_write = self.return_read = -1

    def send(self, kind, pass_number, batch_id):
        # 16 bytes: atomic on a pipe; blocks only while the pipe is full, and Java always drains it.
        try:
            os.write(self.return_write, _NOTE.pack(kind, pass_number, batch_id))
        except OSError:
            pass  # Java's end is gone (the JVM is exiting): nothing is left to release

    def read_exactly(self, count):
        """``count`` bytes, or None at end-of-file. Blocks with the GIL released."""
        chunks = []
        while count > 0:
            chunk = os.read(self.ready_read, count)
            if not chunk:
                return None
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)

    def read_message(self):
        """(kind, pass, index, batch id, body) or None when Java closed the feed."""
        header = self.read_exactly(_HEADER.size)
        if header is None:
            return None
        kind, pass_number, index, body_bytes, batch_id = _HEADER.unpack(header)
        body = self.read_exactly(body_bytes) if body_bytes else b""
        if body is None:
            return None
        return kind, pass_number, index, batch_id, body

    def close(self):
        if not self._closed:
            self._closed = True
            for fd in (self.ready_read, self.ready_write, self.return_read, self.return_write):
                if fd >= 0:
                    try:
                        os.close(fd)
                    except OSError:
                        pass

    def __del__(self):
        self.close()


class _Lease:
    """Python's use of one batch's memory: when the last array over it goes, Java may free it."""

    __slots__ = ("_channel", "_pass", "_id")

    def __init__(self, channel, pass_number, batch_id):
        self._channel = channel
        self._pass = pass_number
        self._id = batch_id

    def __del__(self):
        self._channel.send(RELEASED, self._pass, self._id)


class _JavaMemory:
    """One array's memory, seen by NumPy (the array's base); holds the batch's lease."""

    __slots__ = ("__array_interface__", "_lease")

    def __init__(self, lease, address, shape, typestr):
        self._lease = lease
        self.__array_interface__ = {"version": 3, "shape": shape, "typestr": typestr, "data": (address, False)}


def _array(lease, address, shape, typestr):
    if address == 0 or 0 in shape:
        return np.empty(shape, dtype=typestr)
    return np.asarray(_JavaMemory(lease, address, shape, typestr))


def _strings(lease, offsets_address, text_bytes, text_address, shape):
    """An object array of str from Arrow's large-utf8 layout over the batch's memory (a copy, as
    every NumPy string array is)."""
    count = int(np.prod(shape, dtype=np.int64))
    if not count:
        return np.empty(shape, dtype=object)
    offsets = _array(lease, offsets_address, (count + 1,), "<i8")
    raw = _array(lease, text_address, (text_bytes,), "|u1") if text_bytes else np.empty(0, dtype=np.uint8)
    return text.decode(offsets, raw, shape)


class Structure:
    """How a batch's flat list of arrays nests: x, y and sample weights, each None, one array, a
    tuple of arrays or a dict by name; and each array's dtype and shape after the batch axis."""

    def __init__(self, spec):
        parts, arrays = spec
        self.parts = [self._part(p) for p in parts]
        self.dtypes = [dtype for dtype, _ in arrays]
        self.trailing = [tuple(int(d) for d in dims) for _, dims in arrays]
        self.typestrs = [None if d == STRING else np.dtype(d).str for d in self.dtypes]

    @staticmethod
    def _part(part):
        if part is None or part == "none":
            return None
        if part == "single":
            return ("single", 1, None)
        kind, names_or_count = part
        if kind == "list":
            return ("list", int(names_or_count), None)
        return ("dict", len(names_or_count), list(names_or_count))

    def nest(self, arrays):
        out = []
        at = 0
        for part in self.parts:
            if part is None:
                continue
            kind, count, names = part
            chunk = arrays[at : at + count]
            at += count
            if kind == "single":
                out.append(chunk[0])
            elif kind == "list":
                out.append(tuple(chunk))
            else:
                out.append(dict(zip(names, chunk)))
        return tuple(out)

    def tf_signature(self):
        import tensorflow as tf

        specs = [
            tf.TensorSpec((None,) + dims, tf.string if dtype == STRING else tf.as_dtype(dtype))
            for dtype, dims in zip(self.dtypes, self.trailing)
        ]
        return self.nest(specs)


def _decode(channel, structure, pass_number, batch_id, body):
    """The batch a BATCH message describes, as nested NumPy arrays over Java's memory."""
    values = struct.unpack_from(f"<{len(body) // 8}q", body)
    lease = _Lease(channel, pass_number, batch_id)
    arrays = []
    at = 0
    for typestr in structure.typestrs:
        address, nbytes, address2, rank = values[at : at + 4]
        shape = tuple(values[at + 4 : at + 4 + rank])
        at += 4 + rank
        if typestr is None:
            arrays.append(_strings(lease, address, nbytes, address2, shape))
        else:
            arrays.append(_array(lease, address, shape, typestr))
    return structure.nest(arrays)


def _keras_adapter_base():
    from keras.src.trainers.data_adapters.data_adapter import DataAdapter

    return DataAdapter


def make_feed_class():
    """JavaFeed derives from Keras' DataAdapter, which needs keras imported: made on first use."""

    class JavaFeed(_keras_adapter_base()):
        """Keras' view of a Java data source: a data adapter Keras takes as ``x`` (or inside
        ``validation_data``) on every backend. Each iterator Keras makes is a new pass (an
        epoch); Java starts producing it when the iterator is first read."""

        def __init__(self, feed_id, channel, structure, num_batches):
            self.feed_id = feed_id
            self._channel = channel
            self._structure = structure
            self._num_batches = num_batches
            self._passes = itertools.count()
            self._current = -1
            self._state = threading.Lock()   # _current
            self._reading = threading.Lock()  # the ready pipe and _pending: one reader at a time
            self._pending = collections.deque()
            self._failure = None  # the source's failure, once read: later passes fail at once

        # ---- what Keras calls

        def get_numpy_iterator(self):
            return self._batches()

        def get_jax_iterator(self):
            return self._batches()  # NumPy arrays are what JAX takes from the host

        def get_tf_dataset(self):
            import tensorflow as tf

            dataset = tf.data.Dataset.from_generator(self._batches, output_signature=self._structure.tf_signature())
            return dataset.prefetch(tf.data.AUTOTUNE)

        def get_torch_dataloader(self):
            from keras.src.trainers.data_adapters import data_adapter_utils

            # num_workers=0 (Keras' choice here): worker processes would fork the JVM.
            return data_adapter_utils.get_torch_dataloader(self._batches())

        @property
        def num_batches(self):
            return self._num_batches

        @property
        def batch_size(self):
            return None

        @property
        def has_partial_batch(self):
            return None

        @property
        def partial_batch_size(self):
            return None

        # ---- passes

        def _batches(self):
            """A new pass. Java learns of it when the iterator is first read (Keras may make one it
            never reads, at the end of fit)."""
            return _LazyPass(self)

        def _start(self):
            if self._failure is not None:
                # Java produces nothing after its source failed: a new pass (an iterator Keras or
                # tf.data makes after the failure) would wait for batches forever, and on
                # TensorFlow it would hold one of its pool's threads while it waits.
                raise DataSourceError(self.feed_id, f"the Java data source failed earlier: {self._failure}")
            with self._state:
                number = next(self._passes)
                self._current = number
                self._channel.send(START, number, 0)
            return number

        def _take(self, number):
            """The next batch of pass ``number``, or None when the pass is over."""
            with self._reading:
                if self._failure is not None:
                    raise DataSourceError(self.feed_id, f"the Java data source failed earlier: {self._failure}")
                while True:
                    if number < self._current:
                        return None  # a newer pass began: this iterator was abandoned
                    fresh = not self._pending
                    message = self._channel.read_message() if fresh else self._pending.popleft()
                    if message is None:
                        self._failure = "closed"
                        _failed[self.feed_id] = "closed"
                        raise DataSourceError(self.feed_id, "the Java data source was closed while Keras was reading it")
                    kind, pass_number, index, batch_id, body = message
                    if kind == BATCH:
                        if fresh:
                            self._channel.send(TAKEN, pass_number, batch_id)
                        if pass_number < number:
                            self._channel.send(RELEASED, pass_number, batch_id)
                            continue
                    if pass_number < number:
                        continue
                    if pass_number > number:
                        self._pending.append(message)
                        return None
                    if kind == BATCH:
                        return _decode(self._channel, self._structure, pass_number, batch_id, body)
                    if kind == END:
                        return None
                    text = body.decode("utf-8", "replace")
                    self._failure = text
                    _failed[self.feed_id] = text
                    raise DataSourceError(self.feed_id, f"the Java data source failed at batch {index}: {text}")

        def __del__(self):
            # Nothing can read this feed any more (every iterator holds it): Java stops producing
            # and frees what was queued and never taken. Only here, never on request: a CLOSE while
            # an iterator lives would let Java free a batch that iterator may still take.
            self._channel.send(CLOSE, 0, 0)

    return JavaFeed


class _LazyPass:
    """An iterator that starts its pass on first read."""

    def __init__(self, feed):
        self._feed = feed
        self._number = None
        self._over = False

    def __iter__(self):
        return self

    def __next__(self):
        # Once the pass ended (its end, or the source's failure), nothing more comes for it: tf.data's
        # prefetch may still ask again, and reading the pipe then would wait forever on one of
        # TensorFlow's pool threads.
        if self._over:
            raise StopIteration
        try:
            if self._number is None:
                self._number = self._feed._start()
            batch = self._feed._take(self._number)
        except BaseException:
            self._over = True
            raise
        if batch is None:
            self._over = True
            raise StopIteration
        return batch


_feed_class = None


def feed_class():
    global _feed_class
    if _feed_class is None:
        _feed_class = make_feed_class()
    return _feed_class


# ---------------------------------------------------------------- called by Java (jkeras-python thread)


def open_channel(feed_id):
    """Makes the pipes of feed ``feed_id``; returns the two fds Java opens through /proc/self/fd."""
    channel = _Channel()
    _opening[feed_id] = channel
    return channel.java_ends()


def make_feed(feed_id, spec, num_batches):
    """The Keras data adapter over feed ``feed_id``, once Java has opened its ends of the pipes."""
    channel = _opening.pop(feed_id)
    channel.connected()
    return feed_class()(feed_id, channel, Structure(spec), None if num_batches is None or num_batches < 0 else int(num_batches))


def discard_channel(feed_id):
    """The feed was never made (its source failed or was empty before Keras saw it)."""
    channel = _opening.pop(feed_id, None)
    if channel is not None:
        channel.close()


def forget_iterators(model):
    """Drops the evaluation iterator a failed fit leaves on the model (Keras deletes it only after
    a fit that ends normally), so the validation feed it holds can go."""
    if getattr(model, "_eval_epoch_iterator", None) is not None:
        model._eval_epoch_iterator = None


def failed_feed(error):
    """The id of the feed whose Java source failure ``error`` (or its causes) reports, or None."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, DataSourceError):
            return error.feed_id
        text = str(error)
        for feed_id in list(_failed):
            if marker(feed_id) in text:
                return feed_id
        error = error.__cause__ or error.__context__
    return None


def _java_failure(error):
    """The Java exception a failed source threw, for jkeras.errors (on the jkeras-python thread)."""
    feed_id = failed_feed(error)
    if feed_id is None:
        return None
    _failed.pop(feed_id, None)
    from jkeras import java

    return java.java_class("jkeras.data.FeedRegistry").failure(feed_id)


def _install():
    from jkeras import errors

    if _java_failure not in errors.throwable_finders:
        errors.throwable_finders.append(_java_failure)


_install()
