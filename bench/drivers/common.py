"""What every driver shares through Python: synthetic data (same seed, same numbers everywhere) and
the JSON line protocol. The Java and R drivers call make_* through their bridges."""
import json
import os
import sys

# The generators live in jkeras' Python package, where the Java driver reaches them too.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python"))
from jkeras.benchmarks import SEQUENCE_LENGTH, VOCABULARY, make_sample, make_sequences, make_synthetic_cifar  # noqa: E402,F401

MARKER = "@@bench "


def read_commands():
    for line in sys.stdin:
        line = line.strip()
        if line:
            yield json.loads(line)


def reply(payload, stream=None):
    stream = stream or sys.stdout
    stream.write(MARKER + json.dumps(payload) + "\n")
    stream.flush()
