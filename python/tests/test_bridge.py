"""The bridge's own behaviour, in plain CPython (no JVM): failures become data, names are checked."""
import pytest

from jkeras import bridge, errors


def test_a_function_of_the_package_is_called_with_converted_arguments():
    assert bridge.call("jkeras.selftest:echo", ["text"]) == ["str", "text"]
    assert bridge.call("jkeras.selftest:echo", [], {"value": (1, 2)}) == ["tuple", [1, 2]]


def test_an_exception_comes_back_as_a_failure_with_its_traceback():
    failure = bridge.call("jkeras.selftest:raise_error", ["KeyError", "units"])
    assert isinstance(failure, errors.Failure)
    assert failure.type_name == "KeyError"
    assert failure.message == "'units'"
    assert "LookupError" in failure.type_names
    assert failure.traceback_text.startswith("Traceback (most recent call last):")
    assert "raise_error" in failure.traceback_text


def test_system_exit_is_caught_and_described():
    failure = bridge.call("jkeras.selftest:exit_python", [7])
    assert failure.type_name == "SystemExit"
    assert "SystemExit(7)" in failure.message
    assert "BaseException" in failure.type_names


@pytest.mark.parametrize("target", ["os:system", "jkerasx.evil:run", "jkeras.bridge:_functions", "jkeras.selftest"])
def test_only_public_functions_of_the_package_can_be_named(target):
    failure = bridge.call(target, [])
    assert isinstance(failure, errors.Failure)
    assert failure.type_name == "ValueError"


def test_a_hostile_string_is_only_data(tmp_path):
    marker = tmp_path / "pwned"
    hostile = f"'); __import__('os').system('touch {marker}') #\n"
    assert bridge.call("jkeras.selftest:echo", [hostile]) == ["str", hostile]
    assert not marker.exists()


def test_qualified_names_of_non_builtin_exceptions():
    class LocalError(Exception):
        pass

    name, _, _, hierarchy = errors.describe(LocalError("x"))
    assert name.endswith("LocalError") and "." in name
    assert hierarchy[-1] == "BaseException"


def test_java_maps_with_integer_keys_convert_by_entries():
    # Outside a JVM the converter sees Python dicts; the Java-map path is covered by TrainingTest
    # (class weights keyed by Integer). Here: nested dicts keep non-string keys.
    from jkeras import convert

    assert convert.from_java({0: 2.0, 1: [1, (2, 3)]}) == {0: 2.0, 1: [1, (2, 3)]}
