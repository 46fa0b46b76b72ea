"""Support for jkeras' own tests: models written in plain Keras to compare Java-built ones with."""
