"""Writes, as JSON on stdout, what the Java runtime needs to embed this venv's Python.

Run by scripts/install_keras with the venv's own interpreter; the runtime reads the result with Gson
(jkeras.runtime.KerasEnvironment), so nobody sets LD_LIBRARY_PATH or PYTHONHOME by hand.
"""
import argparse
import datetime
import importlib.metadata as metadata
import json
import os
import site
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from describe_python import shared_libpython  # noqa: E402


def jep_native_library(site_packages):
    for folder in site_packages:
        path = os.path.join(folder, "jep", "libjep.so")
        if os.path.exists(path):
            return path
    raise SystemExit("jep's native library (jep/libjep.so) is not in " + ", ".join(site_packages))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", required=True)
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--java-home", required=True)
    args = parser.parse_args()

    site_packages = site.getsitepackages()
    description = {
        "python_executable": sys.executable,
        "python_version": sys.version.split()[0],
        "prefix": sys.prefix,
        "base_prefix": sys.base_prefix,
        "site_packages": site_packages,
        "libpython": shared_libpython(),
        "libjep": jep_native_library(site_packages),
        "jep_version": metadata.version("jep"),
        "keras_version": metadata.version("keras"),
        "backend": args.backend,
        "gpu": bool(args.gpu),
        "java_home": args.java_home,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    json.dump(description, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
