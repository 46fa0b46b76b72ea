package jkeras.runtime;

/**
 * A Java value that stands for something on the Python side: an argument spec, a string-or-object
 * choice. The runtime passes {@link #toPython()} in its place.
 */
public interface PythonValue {
    /** What Python receives: a string, a number, a collection, a {@link PythonObject}… */
    Object toPython();
}
