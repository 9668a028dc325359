"""Serve the store as a SPARQL 1.1 endpoint with the Oxigraph server (YASGUI editor at ``/``).

The server is the ``oxigraph`` package's binary, run read-only with a query
timeout and optional CORS. Its default graph is the store's, which the build
keeps as the merge of all article graphs (see ``kgbuild.store``).

``oxigraph serve-read-only`` takes no lock, so a build writing the same folder
underneath it would be undefined behaviour. The server therefore never opens
the store itself: it serves a snapshot (an Oxigraph backup, hard links where
the file system allows) taken while this process holds the store's write lock.
A build that is running holds that lock, so serving refuses until it is done;
a build started while serving writes the store freely and the server keeps
answering from its snapshot until it is restarted. The snapshot is deleted when
the server stops.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

READY_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 10.0
_POLL_INTERVAL_S = 0.05


class ServeError(RuntimeError):
    """The endpoint could not be started."""


class StoreBusy(ServeError):
    """Another process (a build) holds the store's write lock."""


def serve(store_dir: Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = 30.0,
          cors: bool = False) -> None:
    """Run the endpoint until Ctrl-C or SIGTERM; prints the query URL once it answers."""
    with _stop_on_sigterm():
        try:
            with _server_process(store_dir, host, port, timeout_s, cors) as (process, url):
                print(f"SPARQL endpoint: {url}  (YASGUI editor: {url.removesuffix('query')})", flush=True)
                print("Serving a snapshot of the store; restart to see a newer build. Ctrl-C stops.", flush=True)
                process.wait()
        except KeyboardInterrupt:
            pass  # the context managers have stopped the server and removed its snapshot


@contextmanager
def running_server(store_dir: Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = 30.0,
                   cors: bool = False) -> Iterator[str]:
    """The endpoint running for the duration of a ``with`` block; yields its query URL."""
    with _server_process(store_dir, host, port, timeout_s, cors) as (_, url):
        yield url


def snapshot_store(store_dir: Path, target: Path) -> None:
    """Back up ``store_dir`` into the new folder ``target`` while holding its write lock."""
    if not (store_dir / "CURRENT").is_file():
        raise ServeError(f"no store at {store_dir}; run `kgbuild build` first")
    try:
        store = ox.Store(str(store_dir))
    except OSError as error:
        raise StoreBusy(f"the store at {store_dir} is in use by another process (a build?); "
                        f"serve it once that is done ({error})") from error
    try:
        store.backup(str(target))
    finally:
        del store  # releases the lock at once (reference counting)


def oxigraph_binary() -> str:
    """The server binary of the ``oxigraph`` package: next to this Python, else on PATH."""
    beside_python = Path(sys.executable).with_name("oxigraph")
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError("the `oxigraph` server binary is missing; `pip install oxigraph`")
    return found


def server_command(location: Path, host: str, port: int, timeout_s: float, cors: bool) -> list[str]:
    command = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}",
               "--timeout-s", str(max(1, round(timeout_s)))]
    return command + ["--cors"] if cors else command


@contextmanager
def _server_process(store_dir: Path, host: str, port: int, timeout_s: float,
                    cors: bool) -> Iterator[tuple[subprocess.Popen, str]]:
    store_dir = Path(store_dir).resolve()
    workdir = snapshot_workdir(store_dir)
    try:
        snapshot = workdir / "snapshot"
        snapshot_store(store_dir, snapshot)
        url = f"http://{host}:{port}/query"
        with (workdir / "server.log").open("w+b") as log:
            process = subprocess.Popen(server_command(snapshot, host, port, timeout_s, cors),
                                       stdout=log, stderr=subprocess.STDOUT)
            try:
                _wait_until_answering(process, url, log)
                yield process, url
            finally:
                _stop(process)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def snapshot_workdir(store_dir: Path) -> Path:
    """A new folder beside the store, so the backup hard-links its files; the temp folder if that is read-only."""
    try:
        return Path(tempfile.mkdtemp(prefix=".serve-", dir=store_dir.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="kgbuild-serve-"))


def _wait_until_answering(process: subprocess.Popen, url: str, log) -> None:
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise ServeError(f"the Oxigraph server exited ({process.returncode}): "
                             f"{log.read().decode('utf-8', 'replace').strip()}")
        try:
            with urllib.request.urlopen(probe, timeout=1.0):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(_POLL_INTERVAL_S)
    raise ServeError(f"the Oxigraph server did not answer at {url} within {READY_TIMEOUT_S:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt, so the server and its snapshot are cleaned up as on Ctrl-C."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
