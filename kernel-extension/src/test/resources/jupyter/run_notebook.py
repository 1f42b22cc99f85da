"""Executes a notebook with nbclient against the kernel its metadata names (cellflow).

usage: run_notebook.py NOTEBOOK.ipynb OUT.json
OUT.json gets each code cell's {"source", "text" (its stream output and text results joined),
"html" (its last), "displays" (each result's or display's data by MIME type), "error"}.
A cell tagged raises-exception may fail; any other failure fails the run.
"""
import json
import sys

import nbformat
from nbclient import NotebookClient


def main():
    nb = nbformat.read(sys.argv[1], as_version=4)
    NotebookClient(nb, timeout=600, startup_timeout=120).execute()
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        text, html, error, displays = [], None, None, []
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                text.append(o.text)
            elif o.output_type in ("execute_result", "display_data"):
                text.append(o.data.get("text/plain", "") + "\n")
                html = o.data.get("text/html", html)
                displays.append(dict(o.data))
            elif o.output_type == "error":
                error = "\n".join(o.traceback)
        cells.append({"source": cell.source, "text": "".join(text), "html": html,
                      "displays": displays, "error": error})
    json.dump(cells, open(sys.argv[2], "w"), indent=1)


if __name__ == "__main__":
    main()
