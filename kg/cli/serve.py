"""``kg serve``: a read-only SPARQL 1.1 endpoint (Oxigraph) over a build's store."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    from kg.serve import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT

    p = sub.add_parser(
        "serve",
        help="serve the built graph as a SPARQL endpoint with a query page",
        description=(
            "Serve GRAPH_DIR/store (written by `kg build`) read-only over the SPARQL 1.1 "
            "Protocol: queries at /query, a query page at /. Ctrl-C stops it."
        ),
    )
    p.add_argument("--graph-dir", default="exports", help="a `kg build` output (default exports)")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"query timeout in seconds (default {DEFAULT_TIMEOUT:g})",
    )
    p.set_defaults(func=run)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    from kg.serve import ServerHandle, serve_forever

    def started(handle: ServerHandle) -> None:
        print(f"SPARQL endpoint: {handle.url}", file=sys.stdout)
        print(f"query page:      {handle.page}", file=sys.stdout)
        if not _is_loopback(args.host):
            print(f"note: reachable from other machines on {args.host}", file=sys.stdout)
        print("read-only; press Ctrl-C to stop", file=sys.stdout, flush=True)

    return serve_forever(
        Path(args.graph_dir) / "store",
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        on_start=started,
    )
