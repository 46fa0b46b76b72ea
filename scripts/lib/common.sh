# Shared by the scripts in scripts/: project paths, messages, and the JVM launcher.
# Sourced, not run.

JKERAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JKERAS_DEFAULT_ENV="${HOME}/.jkeras/venv"
JKERAS_ENV_FILE_NAME="jkeras-env.json"
FASHION_MNIST_DEBIAN_DIR="/usr/share/datasets/fashion-mnist"

say()  { printf '[jkeras] %s\n' "$*" >&2; }
fail() { printf '[jkeras] error: %s\n' "$1" >&2; shift; for line in "$@"; do printf '          %s\n' "$line" >&2; done; exit 1; }

# The env the Java side will use: JKERAS_ENV if set, else the default.
jkeras_env_dir() { printf '%s\n' "${JKERAS_ENV:-$JKERAS_DEFAULT_ENV}"; }

# JAVA_HOME, or the JDK that owns the javac on PATH.
find_jdk() {
  local home="${JAVA_HOME:-}"
  if [ -z "$home" ] && command -v javac >/dev/null 2>&1; then
    home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  fi
  [ -n "$home" ] && [ -f "$home/include/jni.h" ] || fail "no JDK with JNI headers found (JAVA_HOME='${JAVA_HOME:-}', javac on PATH: $(command -v javac || echo none))." \
    "jep is compiled against the JDK's include/jni.h. Install a JDK 17+ (Debian: apt-get install openjdk-17-jdk-headless)" \
    "or point JAVA_HOME at one."
  printf '%s\n' "$home"
}

# Maven 3.8 prints colour resets even in batch mode.
strip_ansi() { sed 's/\x1b\[[0-9;]*m//g'; }

need_command() {
  command -v "$1" >/dev/null 2>&1 || fail "'$1' is not installed." "$2"
}

# Fashion-MNIST comes from Debian's dataset-fashion-mnist (the four files Keras' loader downloads).
ensure_fashion_mnist() {
  [ -f "$FASHION_MNIST_DEBIAN_DIR/train-images-idx3-ubyte.gz" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's dataset-fashion-mnist (Fashion-MNIST for tests and the demo)"
    { apt-get install -y -qq dataset-fashion-mnist || { apt-get update -qq && apt-get install -y -qq dataset-fashion-mnist; }; } >/dev/null 2>&1 \
      || fail "apt-get could not install dataset-fashion-mnist." "Run as root: apt-get update && apt-get install dataset-fashion-mnist"
  else
    fail "Fashion-MNIST is missing: $FASHION_MNIST_DEBIAN_DIR has no train-images-idx3-ubyte.gz." \
      "Install Debian's package as root: sudo apt-get install dataset-fashion-mnist" \
      "or copy the four Fashion-MNIST .gz files into ~/.keras/datasets/fashion-mnist/."
  fi
}

# Compiles the Java side (quietly), the examples with it (they are test sources: not in the jar), and
# writes the runtime classpath to target/classpath.txt. Extra arguments go to Maven (-Pbench).
build_java() {
  need_command mvn "Install Maven (Debian: apt-get install maven)."
  (cd "$JKERAS_ROOT" && mvn -q -B -DskipTests "$@" test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime) 2>&1 | strip_ansi >&2
  [ "${PIPESTATUS[0]}" = 0 ] || fail "the Java build failed (mvn test-compile); see Maven's output above."
}

# Runs a main class of jkeras (or of its examples and benchmark) in a fresh JVM with the flag Arrow
# needs, the Python half from the source tree (with the benchmark's helpers the jar leaves out).
run_java() {
  local main="$1"; shift
  local jdk; jdk="$(find_jdk)"
  "$jdk/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED -Xss4m -Djkeras.python="$JKERAS_ROOT/python" \
    -cp "$JKERAS_ROOT/target/classes:$JKERAS_ROOT/target/test-classes:$(cat "$JKERAS_ROOT/target/classpath.txt")" "$main" "$@"
}
