"""Runs the benchmark: the same Keras work driven from Python, Java (jkeras) and R (reticulate).

Called by scripts/bench, which prepares the environments and the Java classpath. Each driver is one
long-lived process (start-up is paid once and not measured) that reads JSON commands on stdin and
answers with one line starting with ``@@bench `` on stdout:

  {"cmd": "hello"}                                  -> versions
  {"cmd": "train", "workload", "data", "samples", "epochs", "batch_size", "seed"}
                                                    -> epoch_seconds (timing callback), fit_seconds, losses
  {"cmd": "micro", "what", "repeats"}               -> seconds of each call
  {"cmd": "quit"}

Runs are interleaved (A B C, B C A, C A B, ...) so that drift of the machine hits every driver alike.
Raw results go to results.json; report.py turns them into the Markdown report.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MARKER = "@@bench "
MICRO = ["noop", "fast_path_one", "predict_on_batch_one", "serving_one", "predict_one", "handoff_188mb"]


class Driver:
    """One driver process and its JSON-line conversation."""

    def __init__(self, name, command, env, log_folder):
        self.name = name
        self.log = open(os.path.join(log_folder, f"{name}.log"), "w")
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True, bufsize=1,
            env={**os.environ, **env}, cwd=ROOT,
        )

    def ask(self, command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith(MARKER):
                return json.loads(line[len(MARKER):])
            self.log.write(line)
        raise RuntimeError(f"the {self.name} driver ended (see its log {self.log.name})")

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
    return {
        "python": ([python, os.path.join(HERE, "drivers", "python_driver.py")], {}),
        "java": (java, {"JKERAS_ENV": backend_env, "JKERAS_OFFLINE": "1"}),
        "r": (["Rscript", os.path.join(HERE, "drivers", "r_driver.R")], {"RETICULATE_PYTHON": os.path.join(args.r_env, "bin", "python")}),
    }


def start(names, args, backend, backend_env, log_folder, data_env):
    commands = driver_commands(args, backend_env)
    drivers = {}
    for name in names:
        command, env = commands[name]
        env = {**env, **data_env, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "2"}
        drivers[name] = Driver(f"{name}-{backend}", command, env, log_folder)
    versions = {}
    for name, driver in drivers.items():
        versions[name] = driver.ask({"cmd": "hello"})
        if "error" in versions[name]:
            raise RuntimeError(f"{name} driver: {versions[name]['error']}")
        print(f"  {name} driver up: {versions[name]}", flush=True)
    return drivers, versions


def rotations(names, runs):
    """A B C, B C A, C A B, ...: each run in another order."""
    for run in range(runs):
        shift = run % len(names)
        yield run, names[shift:] + names[:shift]


def train_all(drivers, workloads, spec, mode, runs, seed, label):
    results = []
    names = list(drivers)
    for workload in workloads:
        definition = spec["workloads"][workload]
        sizes = definition[mode]
        for run, order in rotations(names, runs):
            for name in order:
                command = {"cmd": "train", "workload": workload, "data": definition["data"], "seed": seed, **sizes}
                started = time.time()
                answer = drivers[name].ask(command)
                answer.update({"driver": name, "workload": workload, "run": run, "backend": label})
                results.append(answer)
                status = answer.get("error") or f"{sum(answer['epoch_seconds'][1:]):.1f} s measured, loss {answer['losses'][-1]:.4f}"
                print(f"  [{label}] {workload} run {run + 1}/{runs} {name}: {status} ({time.time() - started:.0f} s)", flush=True)
    return results


def micro_all(drivers, repeats, handoff_repeats, runs):
    results = []
    names = list(drivers)
    for run, order in rotations(names, runs):
        for name in order:
            for what in MICRO:
                count = handoff_repeats if what == "handoff_188mb" else (max(20, repeats // 10) if what == "predict_one" else repeats)
                answer = drivers[name].ask({"cmd": "micro", "what": what, "repeats": count})
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=["quick", "full"], default="full")
    parser.add_argument("--parts", default="drivers,micro,backends")
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

    spec = json.load(open(os.path.join(HERE, "workloads.json")))
    mode = spec["modes"][args.mode]
    parts = args.parts.split(",")
    seed = 1
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.work, exist_ok=True)
    data_env = {"BENCH_USE_MNIST": "1" if args.use_mnist else "0", "BENCH_USE_CIFAR10": "1" if args.use_cifar10 else "0"}
    workloads = list(spec["workloads"])
    began = time.time()
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "mode": args.mode, "runs": mode["runs"], "seed": seed, "machine": machine(), "spec": spec,
        "data": {"mnist": args.use_mnist, "cifar10": args.use_cifar10},
        "versions": {}, "train": [], "micro": [], "backends": {},
    }

    if "drivers" in parts or "micro" in parts:
        print("Drivers: Python, Java, R on tensorflow", flush=True)
        drivers, versions = start(["python", "java", "r"], args, "tensorflow", args.env, args.work, data_env)
        results["versions"] = versions
        try:
            if "drivers" in parts:
                results["train"] = train_all(drivers, workloads, spec, args.mode, mode["runs"], seed, "tensorflow")
            if "micro" in parts:
                results["micro"] = micro_all(drivers, mode["micro_repeats"], mode["handoff_repeats"], mode["runs"])
        finally:
            for driver in drivers.values():
                driver.close()

    path = os.path.join(args.out, "results.json")

    def save():
        """After each part: an interrupted run keeps what it measured."""
        results["seconds"] = time.time() - began
        with open(path, "w") as f:
            json.dump(results, f, indent=1)

    save()
    if "backends" in parts and args.backend_envs:
        backend_workloads = ["mlp", "cnn"] if args.mode == "quick" else workloads
        for pair in args.backend_envs.split(","):
            backend, env = pair.split("=", 1)
            print(f"Backend {backend}: Python and Java", flush=True)
            try:
                drivers, versions = start(["python", "java"], args, backend, env, args.work, data_env)
            except RuntimeError as error:
                results["backends"][backend] = {"error": str(error)}
                print(f"  skipped: {error}", flush=True)
                continue
            try:
                runs = mode.get("backend_runs", mode["runs"])
                results["backends"][backend] = {
                    "versions": versions,
                    "train": train_all(drivers, backend_workloads, spec, args.mode, runs, seed, backend),
                }
            finally:
                for driver in drivers.values():
                    driver.close()
            save()

    save()
    print(f"Wrote {path} ({results['seconds'] / 60:.1f} min)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
