package jkeras.runtime;

/** Keyword arguments by Python name only: for the escape hatches ({@code layer("MyLayer", a -> a.kwarg("units", 8))}). */
public final class Args extends KwArgs<Args> {
}
