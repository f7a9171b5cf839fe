"""Re-execute notebooks in place (all, or those named) and store their new outputs.

    python tools/execute.py                    # every notebook
    python tools/execute.py notebooks/01_background.ipynb

A notebook whose run wrote anything to stderr (a warning, a library's log line) is not
stored: the tests would fail on it, and a reader would see it. The command names the notebook
and the cell, stores the others and exits with an error.
"""

import sys
from pathlib import Path

import nbformat

from nbrun import notebooks, run

WIDGET = "application/vnd.jupyter.widget-view+json"


def _coalesce(outputs: list) -> list:
    """One output per run of stream text: a busy machine may deliver a print in pieces."""
    out = []
    for o in outputs:
        if (o.get("output_type") == "stream" and out and out[-1].get("output_type") == "stream"
                and out[-1].get("name") == o.get("name")):
            out[-1]["text"] = "".join(out[-1]["text"]) + "".join(o["text"])
        else:
            out.append(o)
    return out


def stderr_outputs(nb) -> list[str]:
    """``cell N: text`` for every stderr output of an executed notebook (text shortened)."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = " ".join("".join(output.get("text", "")).split())
                found.append(f"cell {index}: {text[:300]}")
    return found


def main(args: list[str]) -> None:
    if any(a in ("-h", "--help") for a in args):
        print(__doc__.strip())
        return
    missing = [a for a in args if not Path(a).is_file()]
    if missing:
        sys.exit(f"no such notebook: {', '.join(missing)}")
    paths = [Path(a).resolve() for a in args] or notebooks()
    refused = []
    for path in paths:
        nb, seconds, peak = run(path)
        stderr = stderr_outputs(nb)
        if stderr:
            refused += [f"{path.name}, {line}" for line in stderr]
            print(f"{path.name}: NOT stored, its run wrote to stderr", file=sys.stderr)
            continue
        for index, cell in enumerate(nb.cells):  # keep run-specific data out of the file
            cell.get("metadata", {}).pop("execution", None)
            if "outputs" in cell:
                cell.outputs = _coalesce(cell.outputs)
            for output in cell.get("outputs", []):
                view = output.get("data", {}).get(WIDGET)
                if view:  # a live widget's id is random; the stored one only has to be stable
                    view["model_id"] = f"stored-widget-cell-{index:03d}"
        nbformat.write(nb, path)
        print(f"{path.name}: executed in {seconds:.1f} s")
    if refused:
        sys.exit("stderr output is never stored in a notebook; fix its cause first:\n  "
                 + "\n  ".join(refused))


if __name__ == "__main__":
    main(sys.argv[1:])
