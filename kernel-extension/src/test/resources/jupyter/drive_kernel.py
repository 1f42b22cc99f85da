"""Drives cellflow's kernel through jupyter_client, as a notebook front end would.

usage: drive_kernel.py CELLS.json OUT.json
CELLS.json is a list of {"code": str, "interrupt_after": seconds (optional), "interrupt_when":
text (optional: interrupt once a stream message holds it)}; OUT.json gets, for each cell,
{"stdout", "stderr", "result" (text/plain), "html", "error"} as the kernel sent them, "messages":
the text of each stream message, and "dates": the header dates of its busy and idle statuses.
An item {"complete": code, "cursor": n} asks for completions instead; {"history": {...}} sends a
history_request with those fields and gets the reply's content and the statuses around it.
One kernel runs all the cells, in order: the kernelspec DRIVE_KERNEL names (default cellflow).
"""
import json
import os
import sys
import threading
import time

from jupyter_client.manager import start_new_kernel


def run(km, kc, cell, timeout=300):
    got = {"stdout": "", "stderr": "", "result": None, "html": None, "error": None,
           "dates": [], "messages": []}
    when = cell.get("interrupt_when")
    msg_id = kc.execute(cell["code"])
    if cell.get("interrupt_after"):
        threading.Timer(cell["interrupt_after"], km.interrupt_kernel).start()
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        t, c = m["msg_type"], m["content"]
        if t == "stream":
            got[c["name"]] += c["text"]
            got["messages"].append(c["text"])
            if when and when in c["text"]:
                km.interrupt_kernel()
                when = None
        elif t in ("execute_result", "display_data"):
            got["result"] = c["data"].get("text/plain")
            got["html"] = c["data"].get("text/html")
        elif t == "error":
            got["error"] = "\n".join(c["traceback"])
        elif t == "status":
            # jupyter_client reads a header date only when it is ISO 8601 with seconds
            d = m["header"]["date"]
            got["dates"].append(d.isoformat() if hasattr(d, "isoformat") else "unread: %s" % d)
            if c["execution_state"] == "idle":
                break
    return got


def main():
    cells = json.load(open(sys.argv[1]))
    km, kc = start_new_kernel(kernel_name=os.environ.get("DRIVE_KERNEL", "cellflow"),
                              startup_timeout=120)
    out = []
    try:
        for cell in cells:
            if "complete" in cell:
                reply = kc.complete(cell["complete"], cell.get("cursor"), reply=True, timeout=60)
                out.append({"matches": reply["content"]["matches"]})
                continue
            if "history" in cell:
                msg_id = kc.history(**cell["history"])
                reply = kc.get_shell_msg(timeout=60)
                while reply["parent_header"].get("msg_id") != msg_id:
                    reply = kc.get_shell_msg(timeout=60)
                states = []
                while "idle" not in states:
                    m = kc.get_iopub_msg(timeout=60)
                    if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status":
                        states.append(m["content"]["execution_state"])
                out.append({"reply": reply["content"], "states": states})
                continue
            t = time.time()
            got = run(km, kc, cell)
            got["seconds"] = time.time() - t
            out.append(got)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    json.dump(out, open(sys.argv[2], "w"), indent=1)


if __name__ == "__main__":
    main()
