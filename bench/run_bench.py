"""Runs the benchmark: the same Keras work driven from Python, Java (jkeras) and R (reticulate).

Called by scripts/bench, which prepares the environments and the Java classpath. Each driver is one
long-lived process (start-up is paid once and not measured) that reads JSON commands on stdin and
answers each with one line starting with ``@@bench `` on stdout:

  {"cmd": "hello"}                      -> versions
  {"cmd": "fit", "workload", "data", "samples", "epochs", "batch_size", "seed"}
                                        -> builds a fresh model and calls fit once; answers after epoch 0
                                           with {"epoch": 0, "wall", "cpu", "threads", "setup"} and waits
  {"cmd": "epoch"}                      -> runs the next epoch of that fit and answers with its figures;
                                           after the last epoch the answer also holds "fit" (seconds of the
                                           whole call, waits left out), "losses", "x_handed", and the time and
                                           CPU spent waiting ("paused", "paused_cpu", "paused_threads")
  {"cmd": "stop"}                       -> ends that fit after the epoch it last ran (time's up); answers as
                                           after the last epoch, without epoch figures
  {"cmd": "micro", "what", "repeats"}   -> seconds of each call
  {"cmd": "threads"}                    -> how many threads of each kind the process has, and the libraries
                                           with thread pools of their own it has loaded
  {"cmd": "quit"}

Epochs are paired: in each round every driver runs one epoch of its own fit while the others wait,
in the order Python, Java, R, then R, Java, Python, and so on, so that every comparison is between
epochs run within seconds of each other and drift in the order cancels over two rounds. wall is the
time between Keras' on_epoch_begin and on_epoch_end; cpu is the process' CPU time (every thread) over
the same span, from /proc/self/stat. Raw results go to results.json; report.py makes the report.
"""
import argparse
import datetime
import json
import os
import platform
import queue
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "drivers"))
import common  # noqa: E402

MICRO = ["noop", "batch_hooks", "callback", "fast_path_one", "predict_on_batch_one", "serving_one", "predict_one", "handoff_188mb"]
# The explain part's variants of the Python driver (see python_driver.py): each changes one thing
# in which the Java or R driver's process differs from the Python driver's.
VARIANTS = {
    "python~batch_hook": ("python", {"BENCH_BATCH_HOOK": "1"}),
    "python~thread": ("python", {"BENCH_FIT_THREAD": "1"}),
    "python~r_env": ("python_r_env", {}),
    "python~r_data": ("python", {"BENCH_DATA_LAYOUT": "r"}),
}


# The longest a driver may take to answer one command (an epoch, a first epoch with tracing, a set of
# micro-benchmark calls) before it is taken for stuck.
ANSWER_TIMEOUT = 300


class DriverError(RuntimeError):
    pass


class Driver:
    """One driver process and its JSON-line conversation. A reader thread queues its output, so
    that an answer can be waited for with a time limit: a driver stuck (TensorFlow's tf.data can
    deadlock when an iterator is torn down) is killed instead of stalling the benchmark."""

    def __init__(self, name, command, env, log_folder):
        self.name = name
        self.log = open(os.path.join(log_folder, f"{name}.log"), "a")
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True, bufsize=1,
            env={**os.environ, **env}, cwd=ROOT,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._read, name=f"read-{name}", daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def ask(self, command, timeout=ANSWER_TIMEOUT):
        try:
            self.process.stdin.write(json.dumps(command) + "\n")
            self.process.stdin.flush()
        except OSError as error:
            raise DriverError(f"the {self.name} driver is gone ({error}; see {self.log.name})") from error
        deadline = time.time() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.time()))
            except queue.Empty:
                self.process.kill()
                raise DriverError(f"the {self.name} driver did not answer {command['cmd']} within {timeout} s; killed it") from None
            if line is None:
                raise DriverError(f"the {self.name} driver ended (see its log {self.log.name})")
            if line.startswith(common.MARKER):
                return json.loads(line[len(common.MARKER):])
            self.log.write(line)

    def close(self):
        try:
            self.process.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.process.stdin.flush()
            self.process.wait(timeout=60)
        except Exception:  # noqa: BLE001 - a stuck driver must not keep the benchmark alive
            self.process.kill()
        self.log.close()


def driver_commands(args, backend_env):
    """How to start each driver for the environment ``backend_env`` (a jkeras env folder)."""
    python = os.path.join(backend_env, "bin", "python")
    java = [os.path.join(args.java_home, "bin", "java"), "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xss4m",
            "-Djkeras.python=" + os.path.join(ROOT, "python"),
            "-cp", args.classpath, "jkeras.bench.JavaDriver"]
    python_driver = os.path.join(HERE, "drivers", "python_driver.py")
    return {
        "python": ([python, python_driver], {}),
        "python_r_env": ([os.path.join(args.r_env, "bin", "python"), python_driver], {}),
        "java": (java, {"JKERAS_ENV": backend_env, "JKERAS_OFFLINE": "1"}),
        "r": (["Rscript", os.path.join(HERE, "drivers", "r_driver.R")], {"RETICULATE_PYTHON": os.path.join(args.r_env, "bin", "python")}),
    }


class Fleet:
    """The driver processes of one part, started together; one that failed is started again."""

    def __init__(self, names, args, backend, backend_env, log_folder, data_env):
        self.commands = driver_commands(args, backend_env)
        self.backend, self.log_folder, self.data_env = backend, log_folder, data_env
        self.names = list(names)
        self.drivers = {}
        self.versions = {}
        for name in names:
            self.drivers[name] = self._spawn(name)
        try:
            for name in names:
                self._hello(name)
        except DriverError:
            self.close()
            raise

    def _spawn(self, name):
        kind, extra = VARIANTS.get(name, (name, {}))
        command, env = self.commands[kind]
        env = {**env, **extra, **self.data_env, "KERAS_BACKEND": self.backend, "TF_CPP_MIN_LOG_LEVEL": "2"}
        return Driver(f"{name}-{self.backend}", command, env, self.log_folder)

    def _hello(self, name):
        answer = self.drivers[name].ask({"cmd": "hello"})
        if "error" in answer:
            raise DriverError(f"{name} driver: {answer['error']}")
        self.versions[name] = answer
        print(f"  {name} driver up: {answer}", flush=True)

    def restart(self, name):
        """A fresh process for ``name`` (its old one failed); False if that fails too."""
        self.drivers[name].close()
        try:
            self.drivers[name] = self._spawn(name)
            self._hello(name)
            return True
        except DriverError as error:
            print(f"  {name} driver could not be restarted: {error}", flush=True)
            self.drivers.pop(name).close()
            self.names.remove(name)
            return False

    def close(self):
        for driver in self.drivers.values():
            driver.close()


def round_order(names, round_index):
    """Python, Java, R in even rounds, R, Java, Python in odd ones: a linear drift within a round
    favours each driver as often as it harms it."""
    return list(names) if round_index % 2 == 0 else list(reversed(names))


class Rounds:
    """Runs the workloads' fits in all drivers at once, one epoch per driver per round."""

    def __init__(self, fleet, label, results):
        self.fleet = fleet
        self.label = label
        self.results = results
        self.round_index = 0
        self.broken = set()

    def workload(self, name, definition, sizes, seed):
        """``sizes["runs"]`` fits per driver, paired epoch by epoch. Past ``sizes["minutes"]`` (the
        workload's share of the benchmark's time) no new round starts: the drivers are told to stop
        their fits, so a slow machine gets fewer rounds instead of a benchmark that never ends."""
        began = time.time()
        deadline = began + 60 * sizes.get("minutes", 1e9)
        timing = {"runs": 0, "rounds": 0, "stopped_early": False}
        for run in range(sizes["runs"]):
            if run > 0 and time.time() > deadline:
                break
            for driver in sorted(self.broken):
                self.fleet.restart(driver)
            self.broken.clear()
            started = time.time()
            active = set()
            finals = {}
            for epoch in range(sizes["epochs"]):
                last = epoch == sizes["epochs"] - 1
                if epoch > 0 and time.time() > deadline:
                    timing["stopped_early"] = True
                    for driver in active:
                        finals[driver] = self.ask(driver, {"cmd": "stop"}, name, run, epoch)
                    break
                order = [d for d in round_order(self.fleet.names, self.round_index) if epoch == 0 or d in active]
                for position, driver in enumerate(order):
                    if epoch == 0:
                        command = {"cmd": "fit", "workload": name, "data": definition["data"], "seed": seed,
                                   "samples": sizes["samples"], "epochs": sizes["epochs"], "batch_size": sizes["batch_size"]}
                    else:
                        command = {"cmd": "epoch"}
                    answer = self.ask(driver, command, name, run, epoch)
                    if "error" in answer:
                        active.discard(driver)
                        continue
                    active.add(driver)
                    figures = {k: answer[k] for k in ("wall", "cpu", "threads", "setup") if k in answer}
                    self.results["epochs"].append({"backend": self.label, "workload": name, "run": run, "epoch": epoch,
                                                   "round": self.round_index, "driver": driver, "position": position, **figures})
                    if last:
                        finals[driver] = answer
                self.round_index += 1
                timing["rounds"] += epoch > 0
            timing["runs"] += 1
            for driver, answer in finals.items():
                if "error" not in answer:
                    self.results["fits"].append({"backend": self.label, "workload": name, "run": run, "driver": driver,
                                                 **{k: answer.get(k) for k in ("fit", "paused", "paused_cpu", "paused_threads",
                                                                               "losses", "data_source", "x_handed", "stopped")}})
            walls = {d: sum(r["wall"] for r in self.results["epochs"] if r["backend"] == self.label and r["workload"] == name
                            and r["run"] == run and r["driver"] == d and r["epoch"] > 0) for d in finals}
            print(f"  [{self.label}] {name} run {run + 1}/{sizes['runs']}: epochs after the first, seconds: "
                  + ", ".join(f"{d} {w:.1f}" for d, w in walls.items()) + f" ({time.time() - started:.0f} s)"
                  + (" (stopped: time's up)" if timing["stopped_early"] else ""), flush=True)
        timing["seconds"] = time.time() - began
        self.results["timing"].setdefault(self.label, {})[name] = timing

    def ask(self, driver, command, workload, run, epoch):
        try:
            answer = self.fleet.drivers[driver].ask(command)
        except DriverError as error:
            self.broken.add(driver)
            answer = {"error": str(error)}
        if "error" in answer:
            print(f"  [{self.label}] {workload} run {run + 1} {driver}: {answer['error']}", flush=True)
            self.results["errors"].append({"part": self.label, "workload": workload, "run": run, "driver": driver,
                                           "epoch": epoch, "error": answer["error"]})
        return answer


def micro_all(fleet, repeats, handoff_repeats, runs):
    results = []
    for run in range(runs):
        for name in round_order(fleet.names, run):
            for what in MICRO:
                if name not in fleet.drivers:
                    break  # it failed and could not be started again
                count = handoff_repeats if what == "handoff_188mb" else (max(20, repeats // 10) if what == "predict_one" else repeats)
                try:
                    answer = fleet.drivers[name].ask({"cmd": "micro", "what": what, "repeats": count})
                except DriverError as error:
                    answer = {"error": str(error)}
                    fleet.restart(name)
                answer.update({"driver": name, "what": what, "run": run})
                results.append(answer)
        print(f"  micro-benchmarks run {run + 1}/{runs} done", flush=True)
    return results


def machine():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(), "commit": commit}


def write_data(spec, mode, folder, seed, use_cifar10):
    """The synthetic arrays every driver loads (same numbers everywhere), written once."""
    needed = {("sample", 1)}
    for workload, definition in spec["workloads"].items():
        kind = {"cifar10": None if use_cifar10 else "cifar10", "sequences": "sequences"}.get(definition["data"])
        if kind:
            for sizes in (definition[mode], spec["explain"][mode]["sizes"].get(workload), spec["backends"][mode]["sizes"].get(workload)):
                if sizes:
                    needed.add((kind, sizes["samples"]))
    for kind, samples in sorted(needed):
        common.write_synthetic(folder, kind, samples, seed if kind != "sample" else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=["quick", "full"], default="full")
    parser.add_argument("--parts", default="drivers,micro,explain,backends")
    parser.add_argument("--workloads", default="", help="comma-separated subset of workloads.json's workloads")
    parser.add_argument("--spec", default=os.path.join(HERE, "workloads.json"), help="the workloads and sizes (for experiments)")
    parser.add_argument("--env", required=True, help="the tensorflow jkeras env")
    parser.add_argument("--r-env", required=True, help="the R driver's Python env (numpy<2)")
    parser.add_argument("--backend-envs", default="", help="backend=envdir,... for the backend comparison")
    parser.add_argument("--java-home", required=True)
    parser.add_argument("--classpath", required=True)
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    parser.add_argument("--work", default=os.path.join(HERE, "work"))
    parser.add_argument("--use-mnist", action="store_true")
    parser.add_argument("--use-cifar10", action="store_true")
    args = parser.parse_args()

    spec = json.load(open(args.spec))
    mode = spec["modes"][args.mode]
    parts = args.parts.split(",")
    seed = 1
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.work, exist_ok=True)
    data_folder = os.path.join(args.work, "data")
    write_data(spec, args.mode, data_folder, seed, args.use_cifar10)
    data_env = {"BENCH_USE_MNIST": "1" if args.use_mnist else "0", "BENCH_USE_CIFAR10": "1" if args.use_cifar10 else "0",
                "BENCH_DATA": data_folder, "BENCH_TICKS_PER_SECOND": str(common.TICKS_PER_SECOND)}
    workloads = [w for w in spec["workloads"] if not args.workloads or w in args.workloads.split(",")]
    began = time.time()
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "mode": args.mode, "seed": seed, "machine": machine(), "spec": spec, "parts": parts,
        "data": {"mnist": args.use_mnist, "cifar10": args.use_cifar10},
        "versions": {}, "threads": {}, "epochs": [], "fits": [], "errors": [], "micro": [], "seconds_by_part": {}, "timing": {},
    }
    path = os.path.join(args.out, "results.json")

    def save(part=None, since=None):
        """After each part: an interrupted run keeps what it measured."""
        if part:
            results["seconds_by_part"][part] = time.time() - since
        results["seconds"] = time.time() - began
        with open(path, "w") as f:
            json.dump(results, f, indent=1)

    def paired(names, backend, env, workload_names, sizes_of, label):
        since = time.time()
        print(f"{label}: {', '.join(names)} on {backend}", flush=True)
        try:
            fleet = Fleet(names, args, backend, env, args.work, data_env)
        except DriverError as error:
            results["errors"].append({"part": label, "error": str(error)})
            print(f"  skipped: {error}", flush=True)
            return
        try:
            results["versions"][label] = fleet.versions
            results["timing"].setdefault(label, {})["startup"] = time.time() - since
            rounds = Rounds(fleet, label, results)
            for workload in workload_names:
                rounds.workload(workload, spec["workloads"][workload], sizes_of(workload), seed)
            results["threads"][label] = {}
            for name, driver in fleet.drivers.items():
                try:
                    answer = driver.ask({"cmd": "threads"}, timeout=60)
                    results["threads"][label][name] = answer.get("threads")
                    results.setdefault("libraries", {}).setdefault(label, {})[name] = answer.get("libraries")
                except DriverError:
                    pass
            if label == "drivers":
                if "micro" in parts:
                    micro_began = time.time()
                    results["micro"] = micro_all(fleet, mode["micro_repeats"], mode["handoff_repeats"], mode["micro_runs"])
                    results["timing"][label]["micro"] = time.time() - micro_began
        finally:
            fleet.close()
        save(label, since)

    if "drivers" in parts:
        paired(["python", "java", "r"], "tensorflow", args.env, workloads, lambda w: spec["workloads"][w][args.mode], "drivers")
    elif "micro" in parts:
        paired(["python", "java", "r"], "tensorflow", args.env, [], None, "drivers")
    if "explain" in parts:
        explain = spec["explain"][args.mode]
        paired(spec["explain"]["drivers"], "tensorflow", args.env, [w for w in explain["sizes"] if w in workloads],
               lambda w: explain["sizes"][w], "explain")
    if "backends" in parts and args.backend_envs:
        for pair in args.backend_envs.split(","):
            backend, env = pair.split("=", 1)
            sizes = spec["backends"][args.mode]["sizes"]
            paired(["python", "java"], backend, env, [w for w in sizes if w in workloads], lambda w: sizes[w], backend)
    save()
    print(f"Wrote {path} ({results['seconds'] / 60:.1f} min)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
