"""What the Python driver shares with the orchestrator: the JSON line protocol, the process' CPU
clock (read from /proc exactly as the Java and R drivers read it) and the synthetic data files every
driver loads (run_bench.py writes them once, so that all drivers train on the same numbers)."""
import json
import os
import sys

# The generators live in jkeras' Python package; run_bench.py writes their output to .npy files.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python"))
from jkeras.benchmarks import SEQUENCE_LENGTH, VOCABULARY, make_sample, make_sequences, make_synthetic_cifar  # noqa: E402,F401

MARKER = "@@bench "
# /proc reports CPU time in clock ticks; Linux' USER_HZ is 100 on every architecture it runs on.
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def read_commands(stream=None):
    for line in stream or sys.stdin:
        line = line.strip()
        if line:
            yield json.loads(line)


def read_command(stream=None):
    """The next command, or None at the end of input."""
    for command in read_commands(stream):
        return command
    return None


def reply(payload, stream=None):
    stream = stream or sys.stdout
    stream.write(MARKER + json.dumps(payload) + "\n")
    stream.flush()


def _ticks(stat_line):
    """utime + stime of one /proc .../stat line (fields 14 and 15; the name in brackets may hold spaces)."""
    fields = stat_line[stat_line.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def process_cpu_seconds():
    """CPU seconds of the whole process, every thread, living or ended (/proc/self/stat)."""
    with open("/proc/self/stat") as f:
        return _ticks(f.read()) / TICKS_PER_SECOND


def this_thread_id():
    """The OS id of the calling thread (/proc/thread-self points at /proc/PID/task/TID)."""
    return int(os.readlink("/proc/thread-self").rsplit("/", 1)[1])


def thread_group(name):
    """A thread's name without its number ("GC Thread#3" -> "GC Thread"): threads of one pool together."""
    return "".join(c for c in name if not c.isdigit()).rstrip("#-_ ") or "?"


def thread_ticks():
    """{thread id: (name, CPU ticks)} of the live threads of this process."""
    out = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                line = f.read()
        except OSError:  # the thread ended meanwhile
            continue
        out[int(tid)] = (line[line.index("(") + 1:line.rindex(")")], _ticks(line))
    return out


def thread_counts():
    """How many live threads of each group."""
    counts = {}
    for name, _ in thread_ticks().values():
        counts[thread_group(name)] = counts.get(thread_group(name), 0) + 1
    return dict(sorted(counts.items()))


THREADING_LIBRARIES = ("omp", "blas", "lapack", "mkl", "dnnl", "tbb")


def threading_libraries():
    """Shared libraries loaded in this process that bring thread pools of their own (OpenMP, BLAS, MKL,
    oneDNN, TBB), by file name, from /proc/self/maps."""
    found = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = path.rsplit("/", 1)[-1]
            if ".so" in name and any(k in name.lower() for k in THREADING_LIBRARIES):
                found.add(name)
    return sorted(found)


def thread_cpu(before, after, fit_thread):
    """CPU seconds per thread group between two thread_ticks() snapshots; the thread running fit is
    its own group ("fit thread"), since that is where a bridge's per-batch work lands."""
    groups = {}
    for tid, (name, ticks) in after.items():
        used = ticks - before.get(tid, (name, 0))[1]
        if used:
            group = "fit thread" if tid == fit_thread else thread_group(name)
            groups[group] = groups.get(group, 0) + used / TICKS_PER_SECOND
    return groups


def data_file(folder, kind, samples, seed, part):
    """Where run_bench.py writes a synthetic array (x or y) that every driver loads."""
    return os.path.join(folder, f"{kind}-{samples}-{seed}-{part}.npy")


def data_file_pair(folder, kind, samples, seed):
    return [data_file(folder, kind, samples, seed, part) for part in ("x", "y")]


def tensorflow_threads():
    """TensorFlow's configured intra- and inter-op pool sizes (0: one thread per core), if it is loaded."""
    tf = sys.modules.get("tensorflow")
    if tf is None:
        return None
    return {"intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
            "inter_op": tf.config.threading.get_inter_op_parallelism_threads()}


# Synthetic data sets: how to make each, and the names of its arrays.
SYNTHETIC = {
    "cifar10": (make_synthetic_cifar, ("x", "y")),
    "sequences": (make_sequences, ("x", "y")),
    "sample": (lambda samples, seed: make_sample(784, seed), ("x",)),  # one MLP input, for the micro-benchmarks
}


def write_synthetic(folder, kind, samples, seed):
    """Writes the synthetic data set ``kind`` (one .npy file per array) unless it is there already."""
    import numpy as np

    make, parts = SYNTHETIC[kind]
    os.makedirs(folder, exist_ok=True)
    paths = [data_file(folder, kind, samples, seed, part) for part in parts]
    if all(os.path.exists(p) for p in paths):
        return paths
    for path, array in zip(paths, make(samples, seed)):
        np.save(path + ".part.npy", np.ascontiguousarray(array))
        os.replace(path + ".part.npy", path)
    return paths
