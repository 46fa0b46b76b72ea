"""Prints this interpreter's path if jkeras can embed it, else why not (exit 1).

Run by scripts/install_keras with each candidate Python, before any venv exists.
"""
import os
import sys
import sysconfig


def shared_libpython():
    """Absolute path of the shared libpython this interpreter was built with, or None."""
    if not sysconfig.get_config_var("Py_ENABLE_SHARED"):
        return None
    name = sysconfig.get_config_var("INSTSONAME") or sysconfig.get_config_var("LDLIBRARY")
    folders = [sysconfig.get_config_var("LIBDIR"), sysconfig.get_config_var("LIBPL")]
    multiarch = sysconfig.get_config_var("MULTIARCH")
    if multiarch and folders[0]:
        folders.append(os.path.join(folders[0], multiarch))
    for folder in filter(None, folders):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return os.path.realpath(path)
    return None


def main():
    if sys.version_info < (3, 10):
        print(f"Python {sys.version.split()[0]} is older than 3.10")
        return 1
    if sys.implementation.name != "cpython":
        print(f"{sys.implementation.name} is not CPython")
        return 1
    if shared_libpython() is None:
        print(f"Python {sys.version.split()[0]} at {sys.executable} has no shared libpython (built without --enable-shared)")
        return 1
    print(sys.executable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
