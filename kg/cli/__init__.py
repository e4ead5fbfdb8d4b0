"""Thin command layer: ``kg <command>``; one module per command, each over library functions.

Every command module defines ``register(subparsers)`` which adds its parser and sets
``func=run``; ``run(args) -> int`` returns the exit status. A :class:`kg.errors.KGError` becomes
one line ``kg: error: ...`` on standard error and the error's exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence

from kg.errors import KGError

__all__ = ["main", "COMMANDS"]

#: Command modules under ``kg.cli``, in the order ``kg --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "build",
    "extract",
    "query",
    "export",
    "stats",
    "similar",
    "view",
    "serve",
    "evaluate",
)


def _parser() -> argparse.ArgumentParser:
    from kg import __version__

    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge-graph builder for research papers."
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"kg.cli.{name}")
        module.register(sub)
    return parser


def _one_line_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
    print(f"kg: warning: {message}", file=file or sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg`` with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Warnings print as one line ``kg: warning: ...``; errors as ``kg: error: ...``.
    """
    warnings.showwarning = _one_line_warning
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
