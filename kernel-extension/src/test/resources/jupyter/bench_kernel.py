"""Measures, through jupyter_client, what cellflow's magics cost a notebook cell.

usage: bench_kernel.py [REPEAT] [batch]
Prints the median round trip of a trivial cell without a flow and as a %flow step (the
overhead is their difference; the goal is 50 ms or less), and of a trivial %batch cell on the
local process backend with a warm task process. With "batch" (the kernel's environment pointing
at the AWS Batch emulator, bin/bench-kernel sets it) it prints instead the round trip of a
trivial %batch cell run as a Batch job (goal: 2 s or less), the code package already uploaded.
"""
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel


def run(kc, code):
    t = time.perf_counter()
    reply = kc.execute(code, reply=True, timeout=300)
    took = time.perf_counter() - t
    if reply["content"]["status"] != "ok":
        raise SystemExit("cell failed: " + code + "\n" + "\n".join(reply["content"]["traceback"]))
    return took * 1000


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


if __name__ == "__main__":
    main()
