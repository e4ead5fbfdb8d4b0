"""Ingest speed and memory on a generated arXiv-snapshot JSON Lines file -> results/ingest.json.

    python benchmarks/bench_ingest.py [--records 1000000] [--gzip] [--keep FILE | --input FILE]

Writes a file shaped like the arXiv metadata snapshot (id, submitter, authors, title, comments,
journal-ref, doi, categories, abstract with line wraps, versions, update_date,
authors_parsed; abstracts of ~1,000 characters, some with LaTeX accents, math and URLs) to a
temporary folder, then streams it with :func:`kg.ingest.iter_records` (detection, decoding,
clean-up, identity and provenance: everything but merging), keeping nothing per record. It
prints and writes records/s and the peak resident memory of the process (``ru_maxrss``),
measured in a fresh child process so that the generator's memory does not count. Timing is
wall clock and process CPU time (the latter is less sensitive to other jobs on a shared
machine); figures depend on the machine and its load: the 1-minute load average before and
after the measurement is recorded (``load_average``, ``load_average_after``). The goal (issue 3:
>= 20,000 records/s, peak memory < 500 MB) is judged per core, on records per CPU second, since
the machine is shared. ``--input FILE`` measures an existing snapshot-style file instead.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.atomic import atomic_write

RESULTS = Path(__file__).parent / "results"
WORDS = (
    "we propose a novel method for learning representations of graphs with transformers that "
    "scales to large datasets and improves accuracy on benchmark tasks such as ImageNet and "
    "GLUE while reducing the computational cost of training deep neural networks under a "
    "fixed budget our experiments show consistent gains over strong baselines"
).split()
EXTRAS = (
    "with $\\mathcal{O}(n \\log n)$ complexity",
    "following Bal\\'azs and M\\\"uller",
    "Code: https://github.com/example/repo.",
    "achieving 92.3\\% accuracy",
    "",
    "",
)


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def created(i: int) -> str:
    """A version timestamp in the snapshot's style, cycling over 17 years of days."""
    return f"Mon, {1 + i % 28} {MONTHS[i // 28 % 12]} {2007 + i // 336 % 17} 19:18:42 GMT"


def generate(path: Path, records: int, compress: bool) -> int:
    """Write ``records`` snapshot-style lines to ``path``; return the file size in bytes."""
    rnd = random.Random(7)
    # A pool of distinct abstracts (a prime number of them) keeps generation fast; no cache in
    # ingest is keyed on abstracts, so reuse does not flatter the figures.
    pool = []
    for _ in range(997):
        words = [rnd.choice(WORDS) for _ in range(150)]
        words.insert(rnd.randrange(150), rnd.choice(EXTRAS))
        pool.append("  " + "\n".join(" ".join(words[j : j + 12]) for j in range(0, 151, 12)) + "\n")
    opener = gzip.open if compress else open
    with opener(path, "wt", encoding="utf-8") as fh:  # type: ignore[operator]
        for i in range(records):
            rec = {
                "id": f"{2000 + i // 100000:04d}.{i % 100000:05d}",
                "submitter": "Ann Author",
                "authors": "Ann Author, Bo Writer and C. Bal\\'azs",
                "title": f"Learning {WORDS[i % len(WORDS)]} representations number {i}",
                "comments": "10 pages",
                "journal-ref": None,
                "doi": f"10.1000/x{i}" if i % 3 == 0 else None,
                "report-no": None,
                "categories": "cs.LG stat.ML",
                "license": None,
                "abstract": pool[i % len(pool)],
                "versions": [{"version": "v1", "created": created(i)}],
                "update_date": "2008-11-13",
                # one name per record is new (no memo helps), one repeats, one has an accent
                "authors_parsed": [
                    [f"Author{i}", "Ann", ""],
                    [f"Writer{i % 5000}", "Bo", ""],
                    ["Bal\\'azs", "C.", ""],
                ],
            }
            fh.write(json.dumps(rec) + "\n")
    return path.stat().st_size


def measure(path: str) -> dict[str, float]:
    """Stream ``path`` through ``iter_records``; runs in the child process."""
    from kg.ingest import IngestReport, iter_records

    report = IngestReport()
    start = time.perf_counter()
    cpu_start = time.process_time()
    count = 0
    chars = 0
    for paper in iter_records([path], report=report):
        count += 1
        chars += len(paper.abstract)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "records": count,
        "skipped": len(report.skipped),
        "seconds": round(seconds, 2),
        "records_per_second": round(count / seconds),
        "cpu_seconds": round(cpu, 2),
        "records_per_cpu_second": round(count / cpu),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "abstract_chars": chars,
        "json_parser": "orjson" if importlib.util.find_spec("orjson") else "json",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--gzip", action="store_true", help="compress the generated file")
    parser.add_argument("--keep", type=Path, help="write the generated file here and keep it")
    parser.add_argument("--input", type=Path, help="measure this file; generate nothing")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        suffix = ".jsonl.gz" if args.gzip else ".jsonl"
        if args.input:
            path = args.input
            size = path.stat().st_size
            print(f"measuring {path} ({size / 1e6:,.0f} MB)")
        else:
            path = args.keep or Path(tmp) / f"arxiv-snapshot{suffix}"
            t0 = time.perf_counter()
            size = generate(path, args.records, args.gzip)
            print(
                f"generated {args.records:,} records, {size / 1e6:,.0f} MB in "
                f"{time.perf_counter() - t0:.0f}s: {path}"
            )
        load_before = os.getloadavg()
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        load_after = os.getloadavg()
        figures = json.loads(out.stdout)
    figures.update(
        file_mb=round(size / 1e6, 1),
        python=platform.python_version(),
        machine=platform.machine(),
        gzip=str(path).endswith(".gz") if args.input else args.gzip,
        load_average=[round(x, 2) for x in load_before],
        load_average_after=[round(x, 2) for x in load_after],
        cpus=os.cpu_count(),
        goal="records_per_cpu_second >= 20000 (per core), peak_rss_mb < 500",
    )
    print(
        f"ingest: {figures['records']:,} records in {figures['seconds']}s = "
        f"{figures['records_per_second']:,} records/s "
        f"({figures['records_per_cpu_second']:,} per CPU second); "
        f"peak memory {figures['peak_rss_mb']} MB; load average {load_before[0]:.2f} "
        f"before, {load_after[0]:.2f} after ({figures['cpus']} CPUs)"
    )
    RESULTS.mkdir(exist_ok=True)
    name = "ingest-gzip.json" if figures["gzip"] else "ingest.json"
    with atomic_write(RESULTS / name) as fh:
        json.dump(figures, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(f"wrote {RESULTS / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
