"""kgbuild.serve: the real Oxigraph server over a snapshot of the store, queried over HTTP on loopback."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from fixtures.graph.loader import small_store

from kgbuild.serve import StoreBusy, running_server, server_command
from kgbuild.store import GraphStore

HTTP_TIMEOUT_S = 5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def store_dir(tmp_path):
    path = tmp_path / "store"
    store = small_store(path)
    del store  # release the write lock, as a finished build does
    return path


def select(url: str, sparql: str) -> list[dict]:
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": sparql}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
        return json.load(response)["results"]["bindings"]


COUNT_PROGRAMS = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/fupin/ontology#Program> }"


def test_serve_answers_sparql_over_the_union_of_graphs(store_dir):
    with running_server(store_dir, port=free_port()) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/query")
        # no GRAPH clause: the default graph is the union of the article graphs
        assert select(url, COUNT_PROGRAMS) == [
            {"n": {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
        with urllib.request.urlopen(url.removesuffix("query"), timeout=HTTP_TIMEOUT_S) as editor:
            assert b"<html" in editor.read()


def test_serve_refuses_updates(store_dir):
    with running_server(store_dir, port=free_port()) as url:
        update = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
        request = urllib.request.Request(url.removesuffix("query") + "update", data=update,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S)
        assert refused.value.code == 403
        with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": "ASK { <urn:a> ?p ?o }"}),
                                    timeout=HTTP_TIMEOUT_S) as response:
            assert json.load(response)["boolean"] is False


def test_serve_refuses_while_a_build_holds_the_store(store_dir):
    writer = ox.Store(str(store_dir))  # a build in progress holds the write lock
    try:
        with pytest.raises(StoreBusy), running_server(store_dir, port=free_port()):
            pass
    finally:
        del writer
    assert not [path for path in store_dir.parent.iterdir() if path.name.startswith(".serve-")]


def test_build_while_serving_leaves_both_intact(store_dir):
    with running_server(store_dir, port=free_port()) as url:
        store = GraphStore(store_dir)  # a new build writes the store while it is being served
        store.remove_graph("https://w3id.org/fupin/article/b002")
        store.flush()
        del store
        # the server keeps answering from its snapshot
        assert select(url, COUNT_PROGRAMS)[0]["n"]["value"] == "3"
    after = GraphStore(store_dir, read_only=True)
    assert next(iter(after.query(COUNT_PROGRAMS)))["n"].value == "1"
    assert not [path for path in store_dir.parent.iterdir() if path.name.startswith(".serve-")]


def test_server_command_is_read_only_with_timeout_and_optional_cors(tmp_path):
    command = server_command(tmp_path, "127.0.0.1", 7878, 30.0, cors=True)
    assert command[1] == "serve-read-only"
    assert "--cors" in command
    # The store's own default graph is the merge of the article graphs; Oxigraph's union mode would repeat triples.
    assert "--union-default-graph" not in command
    assert command[command.index("--timeout-s") + 1] == "30"
    assert command[command.index("--bind") + 1] == "127.0.0.1:7878"
    assert "--cors" not in server_command(tmp_path, "127.0.0.1", 7878, 30.0, cors=False)


def test_serve_prints_the_endpoint_and_stops_cleanly_on_sigterm(store_dir):
    port = free_port()
    script = f"from pathlib import Path; from kgbuild.serve import serve; serve(Path({str(store_dir)!r}), port={port})"
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        first_line = process.stdout.readline()  # printed once the server answers
        assert f"http://127.0.0.1:{port}/query" in first_line
        assert select(f"http://127.0.0.1:{port}/query", COUNT_PROGRAMS)[0]["n"]["value"] == "3"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.stdout.close()
    with pytest.raises(urllib.error.URLError):
        select(f"http://127.0.0.1:{port}/query", COUNT_PROGRAMS)
    assert not [path for path in store_dir.parent.iterdir() if path.name.startswith(".serve-")]


@pytest.mark.parametrize("cors", [True, False])
def test_serve_allows_cross_origin_requests_only_when_asked(store_dir, cors):
    with running_server(store_dir, port=free_port(), cors=cors) as url:
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                                         headers={"Origin": "https://example.org"})
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            allowed = response.headers.get("Access-Control-Allow-Origin")
    assert (allowed is not None) == cors
