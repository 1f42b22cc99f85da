"""Measures, through jupyter_client, what cellflow's magics cost a notebook cell.

usage: bench_kernel.py [REPEAT] [batch]
Prints the median round trip of a trivial cell without a flow and as a %flow step (the
overhead is their difference; the goal is 50 ms or less), and of a trivial %batch cell on the
local process backend with a warm task process; then the first trivial %batch cell of fresh
sessions (goal: 2 s or less), and `%flow export` of notebooks/BigSum.ipynb's cells run in a
session (goal: 5 s or less), each with the CPU the kernel and its processes spent. With "batch" (the kernel's environment pointing
at the AWS Batch emulator, bin/bench-kernel sets it) it prints instead the round trip of a
trivial %batch cell run as a Batch job (goal: 2 s or less), the code package already uploaded.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import start_new_kernel


def run(kc, code):
    t = time.perf_counter()
    reply = kc.execute(code, reply=True, timeout=300)
    took = time.perf_counter() - t
    if reply["content"]["status"] != "ok":
        raise SystemExit("cell failed: " + code + "\n" + "\n".join(reply["content"]["traceback"]))
    return took * 1000


def tree_cpu(pid):
    """CPU seconds of process pid and its descendants, live or ended."""
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                f = open("/proc/%s/stat" % d).read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            kids.setdefault(int(f[1]), []).append((int(d), f))
    tick = os.sysconf("SC_CLK_TCK")

    def own(p):
        f = open("/proc/%d/stat" % p).read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in f[11:15]) / tick + sum(walk(c) for c, _ in kids.get(p, []))

    def walk(p):
        try:
            return own(p)
        except OSError:
            return 0.0
    return walk(pid)


def kernel_pid(km):
    return km.provisioner.pid if hasattr(km, "provisioner") else km.kernel.pid


def first_cell(sessions):
    """The first trivial %batch cell of fresh sessions, typed as soon as the kernel answers."""
    # as bin/bench's warm-up: a session whose first run's backend closes (the second %flow),
    # so its task process exits and the class-data archive of task processes is published
    km, kc = start_new_kernel(kernel_name="cellflow", startup_timeout=120)
    for flow in ("BenchPrime", "BenchPrime2"):
        run(kc, "%flow " + flow)
        run(kc, "%batch backend=local\nint b = 1;")
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    walls, cpus = [], []
    for _ in range(sessions):
        km, kc = start_new_kernel(kernel_name="cellflow", startup_timeout=120)
        try:
            pid = kernel_pid(km)
            run(kc, "%flow BenchFirst")
            run(kc, "int a = 1;")
            c = tree_cpu(pid)
            walls.append(run(kc, "%batch backend=local\nint b = a + 1;"))
            cpus.append(tree_cpu(pid) - c)
            run(kc, "%flow end")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    print("first trivial %%batch cell of a session, local: %7.1f ms, CPU %.2f s (medians of %d"
          " sessions; goal: <= 2 s)" % (statistics.median(walls), statistics.median(cpus),
                                          sessions))


def export(n):
    """%flow export of BigSum.ipynb's cells, run in a session; the jar run with java -jar."""
    nb = json.load(open(os.path.join(os.path.dirname(__file__), "../../../../../notebooks",
                                     "BigSum.ipynb")))
    tmp = tempfile.mkdtemp(prefix="cellflow-bench-export")
    km, kc = start_new_kernel(kernel_name="cellflow", startup_timeout=120)
    walls, cpus = [], []
    try:
        pid = kernel_pid(km)
        for c in nb["cells"]:
            if c["cell_type"] == "code":
                run(kc, "".join(c["source"]))
        for _ in range(n):
            c = tree_cpu(pid)
            walls.append(run(kc, "%%flow export %s/bigsum.jar" % tmp))
            cpus.append(tree_cpu(pid) - c)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    check = subprocess.run(["java", "-jar", tmp + "/bigsum.jar", "check"], capture_output=True,
                           text=True)
    if check.returncode != 0:
        raise SystemExit("java -jar bigsum.jar check failed:\n" + check.stdout + check.stderr)
    print("%%flow export of BigSum.ipynb's cells:   %7.1f ms, CPU %.2f s (medians of %d; goal:"
          " <= 5 s; java -jar ... check: ok)" % (statistics.median(walls),
                                                 statistics.median(cpus), n))
    subprocess.run(["rm", "-rf", tmp])


def median(kc, code, n):
    run(kc, code)  # warm-up: JShell compiles its first snippet of a kind slowly
    return statistics.median(run(kc, code) for _ in range(n))


def on_batch(n):
    km, kc = start_new_kernel(kernel_name="cellflow", startup_timeout=120)
    k = max(5, n // 2)
    try:
        run(kc, "%flow BenchBatch")
        run(kc, "int a = 1;")
        first = run(kc, "%batch memory=500\nint b = a + 1;")  # uploads the code package (the kernel jar)
        # jobs that share a code folder (the emulator's do) write a class archive once, here
        second = run(kc, "%batch memory=500\nint b = a + 1;")
        remote = statistics.median(run(kc, "%batch memory=500\nint b = a + 1;")
                                   for _ in range(k))
        run(kc, "%flow end")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("trivial %%batch cell, Batch emulator, first (uploads the jar): %7.1f ms" % first)
    print("trivial %%batch cell, Batch emulator, second (writes the class archive): %7.1f ms"
          % second)
    print("trivial %%batch cell, Batch emulator: %7.1f ms (median of %d; goal: <= 2 s)"
          % (remote, k))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    if len(sys.argv) > 2 and sys.argv[2] == "batch":
        return on_batch(n)
    km, kc = start_new_kernel(kernel_name="cellflow", startup_timeout=120)
    try:
        plain = median(kc, "int a = 1;", n)
        run(kc, "%flow Bench")
        step = median(kc, "int a = 1;", n)
        run(kc, "%batch backend=local\nint b = a + 1;")  # boots the task process
        remote = median(kc, "%batch backend=local\nint b = a + 1;", max(3, n // 4))
        run(kc, "%flow end")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("trivial cell, no flow:           %7.1f ms (median of %d)" % (plain, n))
    print("trivial cell as a %%flow step:    %7.1f ms; overhead %.1f ms (goal: <= 50 ms)"
          % (step, step - plain))
    print("trivial %%batch cell, local, warm: %7.1f ms (Batch emulator goal: <= 2 s)" % remote)
    first_cell(3)
    export(3)


if __name__ == "__main__":
    main()
