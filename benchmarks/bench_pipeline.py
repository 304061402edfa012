"""The whole pipeline at 1,000 / 10,000 / 30,000 connections, in one command (issue 6).

Each size runs in its own process (so its peak memory is its own), on a synthetic Complete export
with 10 messages per connection (300,000 at LinkedIn's 30,000 cap) and a sixth of the network
rated. Times are best of R. Prints a markdown table; `--write` puts it in benchmarks/README.md.
`--notebooks` also executes every notebook (nbval) on the 30,000 network and times the run.

Usage: python benchmarks/bench_pipeline.py [--sizes 1000 10000 30000] [--repeat R] [--notebooks] [--write]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import helpers

from bench_reader import bare_read_csv
from bench_tagger import time_bulk, time_next_card
from common import best_of, rate_mix

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = {"read ÷ read_csv": "≤ 1×", "gap + ranking": "≤ 500 ms", "next card": "≤ 50 ms",
           "largest figure": "≤ 300 KB", "peak memory": "< 1 GB"}


def measure(size: int, repeat: int) -> dict:
    """Every stage at one size; returns figures (seconds, KB, MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        zip_path = build_export(folder, size)
        floor, _ = best_of(repeat, lambda: bare_read_csv(zip_path))
        read, network = best_of(repeat, lambda: helpers.load_export(zip_path))
        store = helpers.TagStore(folder / "tags.sqlite")
        app = helpers.tagger(network, store)
        next_card = time_next_card(app, repeat * 10)
        bulk_size = min(10_000, len(network.connections) // 3)
        bulk = time_bulk(app, store, bulk_size, 1)
        store.close()
        store = helpers.TagStore(folder / "tags-mix.sqlite")
        rate_mix(store, network.connections["contact_id"], len(network.connections) // 6)
        gap_time, gap = best_of(repeat, lambda: helpers.gap_table(network, store))
        rank_time, _ = best_of(repeat, lambda: helpers.prioritise(gap))
        listing = helpers.reconnect_list(network, store)
        csv_time, _ = best_of(repeat, lambda: helpers.write_reconnect_csv(listing, folder / "list.csv"))
        ics_time, _ = best_of(repeat, lambda: helpers.write_reconnect_ics(listing.head(50), folder / "chats.ics"))
        figures = figure_sizes(network, store, gap)
    return {"connections": size, "messages": len(network.messages), "read_csv floor s": floor, "read s": read,
            "next card s": next_card, "bulk tag s": bulk, "bulk size": bulk_size, "gap s": gap_time,
            "ranking s": rank_time, "csv s": csv_time, "ics s": ics_time, "largest figure KB": max(figures.values()),
            "figures KB": figures, "peak memory MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def figure_sizes(network, store, gap) -> dict:
    charts = helpers.takeaway.charts
    figures = {"gap_heatmap": charts.gap_heatmap(gap), "cell_table": charts.cell_table(gap, 3, 1),
               "connections_over_time": charts.connections_over_time(network),
               "top_companies": charts.top_companies(network), "tenure_bands": charts.tenure_bands(network),
               "reach": charts.reach(network, gap=gap), "johns_by_company": charts.johns_by_company(gap),
               "johns_by_tenure": charts.johns_by_tenure(gap), "progress": charts.progress(store),
               "chat_pipeline": charts.chat_pipeline(store)}
    return {name: len(figure.to_json()) / 1024 for name, figure in figures.items()}


def build_export(folder: Path, size: int) -> Path:
    """The synthetic export, made in another process: its memory is not the workbook's."""
    path = folder / "Complete_LinkedInDataExport_11-20-2026.zip"
    subprocess.run([sys.executable, "-m", "helpers.export.sample", "--connections", str(size), "--messages", str(size * 10),
                    "--out", str(path)], check=True, capture_output=True)
    return path


def time_notebooks(size: int) -> tuple[float, float]:
    """Every notebook executed (nbval, as CI does) on `size` connections: (seconds, largest kernel MB).

    The run happens in a fresh process, so its children's peak memory is the kernels' alone."""
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = build_export(Path(tmp), size)
        out = subprocess.run([sys.executable, __file__, "--run-notebooks", str(zip_path)], check=True,
                             capture_output=True, text=True).stdout
    seconds, megabytes = json.loads(out.strip().splitlines()[-1])
    return seconds, megabytes


def run_notebooks(zip_path: str) -> None:
    env = {**os.environ, "RECONNECT_EXPORT": zip_path, "RECONNECT_DATA_DIR": str(Path(zip_path).parent)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "notebooks", "--nbval-lax", "--nbval-current-env", "-q",
                    "-p", "no:cacheprovider"], cwd=ROOT, env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))


def table(results: list[dict], notebooks: tuple[float, float] | None) -> str:
    ms = lambda seconds: f"{seconds * 1000:,.0f} ms"
    rows = [
        ("messages", lambda r: f"{r['messages']:,}"),
        ("bare pandas.read_csv of Connections.csv + messages.csv from the zip", lambda r: ms(r["read_csv floor s"])),
        ("read (load_export: files, signals, report)", lambda r: ms(r["read s"])),
        ("read ÷ read_csv", lambda r: f"{r['read s'] / r['read_csv floor s']:.2f}×"),
        ("read per 1,000 connections (linear growth)", lambda r: ms(r["read s"] / r["connections"] * 1000)),
        ("next card", lambda r: f"{r['next card s'] * 1000:.1f} ms"),
        ("bulk tag", lambda r: f"{ms(r['bulk tag s'])} ({r['bulk size']:,})"),
        ("gap", lambda r: ms(r["gap s"])),
        ("ranking", lambda r: ms(r["ranking s"])),
        ("gap + ranking", lambda r: ms(r["gap s"] + r["ranking s"])),
        ("gap + ranking per 1,000 connections", lambda r: f"{(r['gap s'] + r['ranking s']) / r['connections'] * 1e6:.1f} ms"),
        ("reconnect CSV (every ranked person)", lambda r: ms(r["csv s"])),
        ("calendar (50 chats)", lambda r: ms(r["ics s"])),
        ("largest figure", lambda r: f"{r['largest figure KB']:.1f} KB"),
        ("peak memory", lambda r: f"{r['peak memory MB']:,.0f} MB"),  # load, tagger, gap, charts, list: one process
    ]
    head = "| connections | " + " | ".join(f"{r['connections']:,}" for r in results) + " | target |"
    lines = [head, "|---" * (len(results) + 2) + "|"]
    lines += [f"| {name} | " + " | ".join(cell(r) for r in results) + f" | {TARGETS.get(name, '')} |"
              for name, cell in rows]
    if notebooks is not None:
        seconds, kernel_mb = notebooks
        lines.append(f"\nAll notebooks executed (nbval) on the {results[-1]['connections']:,} network: "
                     f"{seconds:,.0f} s in total (target < 180 s); the largest process (a kernel) peaked at "
                     f"{kernel_mb:,.0f} MB (target < 1 GB).")
    return "\n".join(lines)


def write_readme(text: str, command: str) -> None:
    readme = HERE / "README.md"
    start, end = "<!-- pipeline:start -->", "<!-- pipeline:end -->"
    body = readme.read_text()
    block = f"{start}\nMade by `{command}` on {time.strftime('%Y-%m-%d')}:\n\n{text}\n{end}"
    body = body.split(start)[0] + block + body.split(end)[1] if start in body else body + "\n" + block + "\n"
    readme.write_text(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 30_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--notebooks", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size, JSON out
    parser.add_argument("--run-notebooks", help=argparse.SUPPRESS)  # internal: nbval on this export, JSON out
    args = parser.parse_args()
    if args.run_notebooks:
        return run_notebooks(args.run_notebooks)
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return
    results = []
    for size in args.sizes:  # one process per size: its own peak memory
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--repeat", str(args.repeat)],
                             check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        print(f"{size:,} done", file=sys.stderr)
    notebooks = time_notebooks(args.sizes[-1]) if args.notebooks else None
    text = table(results, notebooks)
    print(text)
    if args.write:
        write_readme(text, "python benchmarks/bench_pipeline.py " + " ".join(sys.argv[1:]).replace(" --write", ""))


if __name__ == "__main__":
    main()
