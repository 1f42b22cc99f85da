"""Drives cellflow's kernel through jupyter_client, as a notebook front end would.

usage: drive_kernel.py CELLS.json OUT.json
CELLS.json is a list of {"code": str, "interrupt_after": seconds (optional), "interrupt_when":
text (optional: interrupt once a stream message holds it)}; OUT.json gets, for each cell,
{"stdout", "stderr", "result" (text/plain), "html", "error"} as the kernel sent them, "messages":
the text of each stream message, "displays": each display_data and update_display_data that has
a display_id ({"type", "id", "text", "html"}), and "dates": the header dates of its busy and idle
statuses.
An item {"complete": code, "cursor": n} asks for completions instead; {"history": {...}} sends a
history_request with those fields and gets the reply's content and the statuses around it.
An item {"forged": kind, "code": str} sends an execute_request for code on a second connection
to the shell port, as a local process that knows the ports but not the key could: kind is
"wrong-key", "unsigned", "truncated" (no frames after the signature), "unparsable" (rightly
signed, header not JSON), or "replay" (a rightly signed message, sent twice); it gets
{"replies": [whether a reply came, for each message sent]}.
One kernel runs all the cells, in order: the kernelspec DRIVE_KERNEL names (default cellflow).
"""
import json
import os
import sys
import threading
import time

import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session


def run(km, kc, cell, timeout=300):
    got = {"stdout": "", "stderr": "", "result": None, "html": None, "error": None,
           "dates": [], "messages": [], "displays": []}
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
        elif t in ("display_data", "update_display_data") and \
                c.get("transient", {}).get("display_id"):
            got["displays"].append({"type": t, "id": c["transient"]["display_id"],
                                    "text": c["data"].get("text/plain"),
                                    "html": c["data"].get("text/html")})
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


def replied(sock, seconds):
    """Whether a message came back on sock within seconds (it is read)."""
    if sock.poll(int(seconds * 1000)):
        sock.recv_multipart()
        return True
    return False


def forge(kc, item):
    info = kc.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 0
    sock.connect("%s://%s:%d" % (info["transport"], info["ip"], info["shell_port"]))
    content = {"code": item["code"], "silent": False, "store_history": True,
               "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
    kind = item["forged"]
    session = {"wrong-key": Session(key=b"not-the-kernel-key", username="intruder"),
               "unsigned": Session(key=b"", username="intruder")}.get(kind, kc.session)
    # [delimiter, signature, header, parent header, metadata, content]
    frames = session.serialize(session.msg("execute_request", content))
    try:
        if kind == "replay":
            sock.send_multipart(frames)
            first = replied(sock, 60)
            sock.send_multipart(frames)
            return {"replies": [first, replied(sock, 2)]}
        if kind == "truncated":
            frames = frames[:2]
        elif kind == "unparsable":
            header = b"{not json"
            frames = [frames[0], session.sign([header] + frames[3:6]), header] + frames[3:]
        sock.send_multipart(frames)
        return {"replies": [replied(sock, 0.5)]}
    finally:
        sock.close()


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
            if "forged" in cell:
                out.append(forge(kc, cell))
                continue
            t = time.time()
            got = run(km, kc, cell, cell.get("timeout", 300))
            got["seconds"] = time.time() - t
            out.append(got)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    json.dump(out, open(sys.argv[2], "w"), indent=1)


if __name__ == "__main__":
    main()
