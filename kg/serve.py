"""The SPARQL 1.1 Protocol endpoint: Oxigraph's server over the store ``kg build`` writes.

Runs the ``oxigraph`` binary of the ``oxigraph`` PyPI package as
``oxigraph serve-read-only --location STORE --bind HOST:PORT --timeout-s S``: read-only (an
update gets HTTP 403), loopback by default, a query page (YASGUI, shipped inside the binary) at
``/``, queries at ``/query`` (also ``/sparql``). The server runs in its own process group, so
stopping it (or Ctrl-C / SIGTERM on ``kg serve``) leaves no process behind. A taken port or a
missing store is a :class:`kg.errors.ServeError`, found before starting and confirmed by
watching the server bind.

Examples:
    >>> endpoint_url("127.0.0.1", 7878)
    'http://127.0.0.1:7878/query'
    >>> endpoint_url("::1", 7878)
    'http://[::1]:7878/query'
"""

from __future__ import annotations

import collections
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from kg.errors import ServeError

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "ServerHandle",
    "endpoint_url",
    "find_oxigraph",
    "start_server",
    "serve_forever",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: Query timeout in seconds.
DEFAULT_TIMEOUT = 30.0
_START_TIMEOUT = 30.0


def endpoint_url(host: str, port: int, path: str = "/query") -> str:
    """URL of the endpoint at ``host:port`` (IPv6 literals bracketed)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{path}"


def find_oxigraph() -> str:
    """Path of the ``oxigraph`` binary: beside this Python's scripts, else on ``PATH``.

    Examples:
        >>> Path(find_oxigraph()).name
        'oxigraph'
    """
    candidate = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError(None, "the oxigraph server binary is missing (pip install 'oxigraph>=0.4')")


def _check_store(store_dir: Path) -> None:
    if not store_dir.is_dir():
        raise ServeError(str(store_dir), "no SPARQL store here; run `kg build` first")
    if not (store_dir / "CURRENT").is_file():
        raise ServeError(str(store_dir), "not an Oxigraph store (no CURRENT file)")


def _check_port(host: str, port: int) -> None:
    """Fail early when ``host:port`` cannot be bound (taken, or not an address of this host)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ServeError(None, f"cannot resolve host {host!r}: {exc.strerror}") from exc
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(addr)
        except OSError as exc:
            if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise ServeError(None, f"port {port} on {host} is already in use") from exc
            raise ServeError(None, f"cannot listen on {host}:{port}: {exc.strerror}") from exc


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM it if ``kg`` itself is killed (-9)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class ServerHandle:
    """A running endpoint: ``url`` (queries), ``page`` (query page), ``stop()``.

    A context manager: leaving the block stops the server and its process group.
    """

    def __init__(self, proc: subprocess.Popen[bytes], host: str, port: int) -> None:
        self.proc = proc
        self.host = host
        self.port = port
        self.url = endpoint_url(host, port)
        self.page = endpoint_url(host, port, "/")
        # The server's log goes to a pipe that must be drained, or a full pipe would block it.
        self._log: collections.deque[str] = collections.deque(maxlen=50)
        #: Set when the server reports that it has bound its socket.
        self.listening = threading.Event()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        if self.proc.stderr is None:
            return
        for raw in iter(self.proc.stderr.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip()
            self._log.append(line)
            if line.startswith("Listening for requests"):
                self.listening.set()

    @property
    def log(self) -> list[str]:
        """The last lines the server wrote to standard error."""
        return list(self._log)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def running(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace: float = 5.0) -> int:
        """Stop the server: SIGTERM to its process group, SIGKILL after ``grace`` seconds."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._reader.join(2.0)
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        return self.proc.returncode

    def wait(self) -> int:
        return self.proc.wait()

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _wait_listening(handle: ServerHandle, deadline: float) -> None:
    """Return once the server has bound and accepts connections; raise if it exits first.

    A connection alone proves nothing: another process may hold the port. The server's own
    "Listening" line comes after its bind succeeded.
    """
    while time.monotonic() < deadline:
        if not handle.running():
            handle.stop()
            err = "\n".join(handle.log)
            if "Address already in use" in err:
                raise ServeError(None, f"port {handle.port} on {handle.host} is already in use")
            first = next((ln for ln in err.splitlines() if ln.startswith("Error")), err.strip())
            raise ServeError(None, f"oxigraph server exited: {first[:300]}")
        if handle.listening.wait(0.05):
            with contextlib.suppress(OSError):
                with socket.create_connection((handle.host, handle.port), timeout=0.5):
                    return
    handle.stop()
    raise ServeError(None, f"oxigraph server did not start within {_START_TIMEOUT:g} s")


def start_server(
    store_dir: str | os.PathLike[str],
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
) -> ServerHandle:
    """Start a read-only SPARQL endpoint over the Oxigraph store ``store_dir``.

    Returns once the server accepts connections. ``timeout`` is the per-query limit in seconds.

    Examples:
        >>> start_server("/nonexistent/store")
        Traceback (most recent call last):
        ...
        kg.errors.ServeError: /nonexistent/store: no SPARQL store here; run `kg build` first
    """
    store = Path(store_dir)
    _check_store(store)
    if timeout <= 0:
        raise ServeError(None, "timeout must be a positive number of seconds")
    _check_port(host, port)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    cmd = [
        find_oxigraph(),
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        bind,
        "--timeout-s",
        str(max(1, round(timeout))),
    ]
    # A new session makes the server the leader of its own process group: stop() signals the
    # group, and a Ctrl-C in the terminal reaches only us, so we decide how it ends.
    proc = subprocess.Popen(
        cmd,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    handle = ServerHandle(proc, host, port)
    _wait_listening(handle, time.monotonic() + _START_TIMEOUT)
    return handle


@contextlib.contextmanager
def _terminate_on_signals() -> Iterator[threading.Event]:
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def serve_forever(
    store_dir: str | os.PathLike[str],
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    on_start: object = None,
) -> int:
    """Run the endpoint until Ctrl-C or SIGTERM; stop it cleanly; return 0.

    ``on_start`` (a callable taking the :class:`ServerHandle`) is called once it listens, e.g. to
    print the URLs. If the server dies on its own, raise :class:`ServeError`.
    """
    with (
        _terminate_on_signals() as stop,
        start_server(store_dir, host=host, port=port, timeout=timeout) as handle,
    ):
        if callable(on_start):
            on_start(handle)
        while not stop.wait(0.5):
            if not handle.running():
                raise ServeError(None, f"oxigraph server stopped (exit {handle.proc.returncode})")
    return 0
