"""The SPARQL endpoint (kg.serve, ``kg serve``): a real Oxigraph server, a real SPARQL client.

The store is made here with pyoxigraph from a small Turtle file, as ``kg build`` does.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from kg.errors import ServeError
from kg.serve import ServerHandle, endpoint_url, start_server

pytestmark = pytest.mark.slow

EX = "http://example.org/kg/"
TURTLE = f"""@prefix ex: <{EX}> .
@prefix dct: <http://purl.org/dc/terms/> .
ex:p1 a ex:Paper ; dct:title "BOSS: Bellman Optimal Step-size Straightening" ; ex:uses ex:fm .
ex:p2 a ex:Paper ; dct:title "Faster Sampling for Diffusion Models" ; ex:uses ex:fm, ex:ddim .
ex:p3 a ex:Paper ; dct:title "<script>alert('x')</script> & friends" ; ex:uses ex:ppo .
ex:fm a ex:Method ; ex:label "flow matching" .
ex:ddim a ex:Method ; ex:label "DDIM" .
ex:ppo a ex:Method ; ex:label "PPO" .
"""
SHARED = f"""PREFIX ex: <{EX}>
SELECT ?a ?b ?c WHERE {{ ?a ex:uses ?c . ?b ex:uses ?c . FILTER(STR(?a) < STR(?b)) }}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _make_store(path: Path, turtle: str) -> Path:
    import pyoxigraph

    store = pyoxigraph.Store(str(path))
    store.load(turtle.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    store.flush()
    del store  # release the store's lock before the server opens it
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_store(tmp_path_factory.mktemp("graph") / "store", TURTLE)


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[ServerHandle]:
    with start_server(store, host="127.0.0.1", port=free_port(), timeout=10) as handle:
        yield handle


def _client(url: str, query: str, fmt: str):  # type: ignore[no-untyped-def]
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(60)
    return client


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie still answers kill(0); it is gone once its state is Z or it disappears
    state = Path(f"/proc/{pid}/stat")
    return not state.exists() or state.read_text().split()[2] == "Z"


def test_select_json(server: ServerHandle) -> None:
    from SPARQLWrapper import JSON

    result = _client(server.url, SHARED, JSON).query().convert()
    rows = {
        (b["a"]["value"], b["b"]["value"], b["c"]["value"]) for b in result["results"]["bindings"]
    }
    assert rows == {(EX + "p1", EX + "p2", EX + "fm")}
    assert result["head"]["vars"] == ["a", "b", "c"]


def test_select_xml_keeps_markup_as_data(server: ServerHandle) -> None:
    from SPARQLWrapper import XML

    query = f"SELECT ?t WHERE {{ <{EX}p3> <http://purl.org/dc/terms/title> ?t }}"
    doc = _client(server.url, query, XML).query().convert()
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert literals == ["<script>alert('x')</script> & friends"]


def test_ask(server: ServerHandle) -> None:
    from SPARQLWrapper import JSON

    yes = f"ASK {{ <{EX}p2> <{EX}uses> <{EX}ddim> }}"
    no = f"ASK {{ <{EX}p1> <{EX}uses> <{EX}ppo> }}"
    assert _client(server.url, yes, JSON).query().convert()["boolean"] is True
    assert _client(server.url, no, JSON).query().convert()["boolean"] is False


@pytest.mark.parametrize("fmt", ["turtle", "xml"])
def test_construct(server: ServerHandle, fmt: str) -> None:
    query = f"CONSTRUCT {{ ?p <{EX}mentions> ?label }} WHERE {{ ?p <{EX}uses>/<{EX}label> ?label }}"
    result = _client(server.url, query, fmt).query().convert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(data=result)
    got = {(str(s), str(o)) for s, _, o in graph}
    assert got == {
        (EX + "p1", "flow matching"),
        (EX + "p2", "flow matching"),
        (EX + "p2", "DDIM"),
        (EX + "p3", "PPO"),
    }


def test_update_is_refused(server: ServerHandle) -> None:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    update = SPARQLWrapper(endpoint_url(server.host, server.port, "/update"))
    update.setMethod(POST)
    update.setQuery(f"INSERT DATA {{ <{EX}p9> a <{EX}Paper> }}")
    with pytest.raises(urllib.error.HTTPError) as info:
        update.query()
    assert info.value.code == 403
    count = f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a <{EX}Paper> }}"
    result = _client(server.url, count, JSON).query().convert()
    assert result["results"]["bindings"][0]["n"]["value"] == "3"


def test_query_page_is_served(server: ServerHandle) -> None:
    with urllib.request.urlopen(server.page, timeout=30) as response:
        page = response.read().decode("utf-8")
        assert response.headers.get_content_type() == "text/html"
    assert "Yasgui" in page and "/sparql" in page
    with urllib.request.urlopen(endpoint_url(server.host, server.port, "/yasgui.min.js")) as js:
        assert js.status == 200  # the query page's code comes from the server, not a CDN


def test_port_taken_is_a_clear_error(store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=f"port {port} on 127.0.0.1 is already in use"):
            start_server(store, port=port)


def test_bind_failure_after_check_is_detected(
    store: Path, server: ServerHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the port can be taken between our check and the server's bind: watch the server fail
    monkeypatch.setattr("kg.serve._check_port", lambda host, port: None)
    with pytest.raises(ServeError, match=f"port {server.port} on 127.0.0.1 is already in use"):
        start_server(store, port=server.port)
    assert server.running()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="no SPARQL store here; run `kg build` first"):
        start_server(tmp_path / "nope", port=free_port())
    (tmp_path / "empty").mkdir()
    with pytest.raises(ServeError, match="not an Oxigraph store"):
        start_server(tmp_path / "empty", port=free_port())


def test_stop_leaves_no_process(store: Path) -> None:
    handle = start_server(store, port=free_port())
    pid = handle.pid
    assert os.getpgid(pid) == pid  # its own process group
    handle.stop()
    assert _gone(pid)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((handle.host, handle.port), timeout=5).close()


def test_query_timeout_stops_a_runaway_query(tmp_path: Path) -> None:
    from SPARQLWrapper import JSON
    from SPARQLWrapper.SPARQLExceptions import EndPointInternalError

    triples = "\n".join(f"<{EX}s{i}> <{EX}v> {i} ." for i in range(2000))
    store = _make_store(tmp_path / "big", triples)
    runaway = f"""SELECT (COUNT(*) AS ?n) WHERE {{
        ?a <{EX}v> ?x . ?b <{EX}v> ?y . ?c <{EX}v> ?z . FILTER(?x + ?y + ?z < 0) }}"""
    with start_server(store, port=free_port(), timeout=1) as handle:
        # 8e9 combinations: without the server's timeout this would run for hours
        # the server aborts the query: an error status or a cut-off result, not a client timeout
        with pytest.raises((json.JSONDecodeError, urllib.error.HTTPError, EndPointInternalError)):
            _client(handle.url, runaway, JSON).query().convert()
        assert handle.running()


@pytest.fixture
def own_store(tmp_path: Path) -> Path:
    """A store no other server of this module serves, so its server processes can be counted."""
    return _make_store(tmp_path / "store", TURTLE)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_cli_serve_runs_until_ctrl_c(own_store: Path, signum: int) -> None:
    store = own_store
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "kg",
        "serve",
        "--graph-dir",
        str(store.parent),
        "--port",
        str(port),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline() if proc.stdout else ""
        assert first.strip() == f"SPARQL endpoint: http://127.0.0.1:{port}/query"
        url = f"http://127.0.0.1:{port}/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D"
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert json.load(response) == {"head": {}, "boolean": True}
        servers = _oxigraph_pids(store)
        assert len(servers) == 1
        proc.send_signal(signum)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert all(_gone(pid) for pid in servers)
    assert _oxigraph_pids(store) == []


@pytest.mark.skipif(sys.platform != "linux", reason="parent-death signal is Linux-only")
def test_server_dies_with_a_killed_kg_serve(own_store: Path) -> None:
    import time

    store = own_store
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "kg",
        "serve",
        "--graph-dir",
        str(store.parent),
        "--port",
        str(port),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().startswith("SPARQL endpoint")
        servers = _oxigraph_pids(store)
        assert len(servers) == 1
        proc.kill()  # SIGKILL: kg cannot clean up; the kernel tells the server
        proc.wait(30)
        deadline = time.monotonic() + 30
        while _oxigraph_pids(store) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _oxigraph_pids(store) == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_cli_serve_port_taken_is_one_line(store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        cmd = [sys.executable, "-m", "kg", "serve", "--graph-dir", str(store.parent)]
        done = subprocess.run(
            [*cmd, "--port", str(port)], capture_output=True, text=True, timeout=120
        )
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        f"kg: error: port {port} on 127.0.0.1 is already in use"
    ]


def _oxigraph_pids(store: Path) -> list[int]:
    """Live processes whose command line serves ``store`` (read from /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (
            b"serve-read-only" in args
            and str(store).encode() in args
            and not _gone(int(entry.name))
        ):
            pids.append(int(entry.name))
    return pids
