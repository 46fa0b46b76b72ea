package jkeras;

/** Placeholder until scripts/generate_wrappers writes the generated factories. */
public abstract class KerasGenerated {
    protected KerasGenerated() {}
}
