"""The command line over a built sample store: real commands, real answers."""

import io
import json

from typer.testing import CliRunner

from kgbuild.cli import Progress, app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_query_by_name_prints_a_table_with_the_programs(built_store):
    path, _ = built_store
    result = invoke("query", "programs-for-group", "--param", "group=disabled", "--store", str(path))
    assert result.exit_code == 0
    assert "养鹅" in result.stdout and "助残" in result.stdout


def test_query_json_is_sparql_results_json(built_store):
    path, _ = built_store
    result = invoke("query", "programs-for-group", "--format", "json", "--store", str(path))
    document = json.loads(result.stdout)
    assert document["head"]["vars"][0] == "program"
    assert document["results"]["bindings"]


def test_query_with_a_malformed_param_is_refused(built_store):
    path, _ = built_store
    result = invoke("query", "programs-for-group", "--param", "disabled", "--store", str(path))
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.stderr


def test_query_on_a_missing_store_says_to_build(tmp_path):
    result = invoke("query", "programs-for-group", "--store", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "kgbuild build" in result.stderr


def test_validate_passes_on_the_built_store(built_store):
    path, _ = built_store
    result = invoke("validate", "--store", str(path))
    assert result.exit_code == 0
    assert "5 article graphs checked, 0 with violations" in result.stdout


def test_build_reports_skipped_inputs_and_strict_fails(tmp_path, samples_dir):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text((samples_dir / sorted(p.name for p in samples_dir.iterdir())[0]).read_text("utf-8"), "utf-8")
    (corpus / "b.txt").write_bytes(b"")
    store = str(tmp_path / "store")
    result = invoke("build", str(corpus), "--store", store)
    assert result.exit_code == 0
    assert "skipped b.txt" in result.stderr
    assert "read 1, loaded 1" in result.stdout
    strict = invoke("build", str(corpus), "--store", store, "--strict")
    assert strict.exit_code == 1


def test_dask_executor_needs_a_scheduler(tmp_path):
    result = invoke("build", "--executor", "dask", "--store", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert "--scheduler" in result.stderr


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_progress_off_a_terminal_is_a_log_line_every_interval():
    stream, clock = io.StringIO(), FakeClock()
    progress = Progress(stream, terminal=False, every=10, clock=clock)
    clock.now += 4
    progress.update(2, 10)
    assert stream.getvalue() == ""
    clock.now += 6
    progress.update(5, 10)
    assert stream.getvalue() == "progress: 5/10 files, 0.5 files/s, about 10 s left\n"


def test_progress_on_a_terminal_rewrites_one_line_and_clears_it_for_messages():
    stream, clock = io.StringIO(), FakeClock()
    progress = Progress(stream, terminal=True, clock=clock)
    clock.now += 1
    progress.update(1, 4)
    clock.now += 1
    progress.update(2, 4)
    progress.interrupt()
    assert stream.getvalue() == ("\r1/4 files, 1.0 files/s, about 3 s left\033[K"
                                 "\r2/4 files, 1.0 files/s, about 2 s left\033[K\r\033[K")
