"""Extract every summary of a folder of JSON Lines with Ray Data; write JSON Lines or Parquet.

    pip install 'pactparse[ray]'
    python examples/ray_extract.py summaries/ pacts/ --format parquet --workers 8

Each input line is ``{"text": ..., "id": ..., "reference_date": ...}`` (as for
``pactparse extract``). Each output row is the CLI's row: ``id``, ``ok``, ``pact`` and
``error`` (in Parquet, ``pact`` and ``error`` are JSON text). On a cluster, submit the
same script (paths on storage every node reads, such as s3://)::

    ray job submit --address http://HEAD:8265 --working-dir . \\
        --runtime-env-json '{"pip": ["pactparse[ray]"]}' \\
        -- python examples/ray_extract.py s3://bucket/summaries/ s3://bucket/pacts/ --workers 64
"""

from __future__ import annotations

import argparse

import ray
import ray.data

from pactparse.ray import OUTPUT_COLUMNS, PactExtractor, decode_rows


def extract(
    source: str,
    *,
    backend: str = "rules",
    workers: int = 2,
    cpus_per_worker: float = 1.0,
    batch_size: int = 256,
    keep_input: bool = False,
) -> ray.data.Dataset:
    """The rows of every line of ``source``, extracted by ``workers`` actors (one backend
    each). Leave a CPU free for reading: ``workers × cpus_per_worker`` below the CPUs."""
    data = ray.data.read_json(source, file_extensions=["jsonl", "json", "ndjson"])
    rows = data.map_batches(
        PactExtractor,
        fn_constructor_kwargs={"backend": backend},
        batch_format="pyarrow",  # typed columns: the same Parquet schema in every file
        batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=cpus_per_worker,
    )
    return rows if keep_input else rows.select_columns(list(OUTPUT_COLUMNS))


def write(rows: ray.data.Dataset, target: str, format: str = "jsonl") -> None:
    """Write ``rows`` to the folder ``target`` as JSON Lines (the CLI's rows) or Parquet."""
    if format == "parquet":
        rows.write_parquet(target)
    else:
        rows.map_batches(decode_rows, batch_format="pandas").write_json(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="folder (or file, or s3:// path) of JSON Lines")
    parser.add_argument("target", help="output folder")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--backend", default="rules")
    parser.add_argument("--workers", type=int, default=2, help="Ray actors, one backend each")
    parser.add_argument("--cpus-per-worker", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--keep-input", action="store_true", help="keep the input columns too")
    parser.add_argument("--address", help="Ray cluster to join (default: start a local one)")
    args = parser.parse_args()
    ray.init(address=args.address)
    rows = extract(
        args.source,
        backend=args.backend,
        workers=args.workers,
        cpus_per_worker=args.cpus_per_worker,
        batch_size=args.batch_size,
        keep_input=args.keep_input,
    )
    write(rows, args.target, args.format)


if __name__ == "__main__":
    main()
