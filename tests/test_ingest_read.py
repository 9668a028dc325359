"""Files, folders, JSONL and HTML to Articles; bad input to InputProblems."""

import hashlib
import json
from pathlib import Path

from kgbuild.ingest import inspect_report, read_articles
from kgbuild.model import Article, InputProblem

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = "某县推进产业扶贫\n今年以来，全县建成扶贫车间12个，带动贫困户1500户增收。"
TRADITIONAL = "某縣推進產業扶貧\n今年以來，全縣建成扶貧車間12個，帶動貧困戶1500戶增收。"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_gbk_and_big5_files_are_read_as_simplified(tmp_path):
    _write(tmp_path, "a.txt", TEXT.encode("gbk"))
    _write(tmp_path, "b.txt", TRADITIONAL.encode("big5"))
    first, second = read_articles([tmp_path])
    assert first.text == second.text
    assert "扶贫车间12个" in first.text
    assert (first.script, second.script) == ("simplified", "traditional")


def test_article_identity_source_and_hash(tmp_path):
    raw = TEXT.encode("utf-8")
    _write(tmp_path, "sub/扶贫 news.txt", raw)
    (article,) = read_articles([tmp_path])
    assert article.source == "sub/扶贫 news.txt"
    assert article.id.startswith("news-") and set(article.id) <= set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"
    )
    assert article.content_hash == hashlib.sha256(raw).hexdigest()
    assert [a.id for a in read_articles([tmp_path])] == [article.id]


def test_folders_are_read_recursively_in_sorted_order_skipping_other_files(tmp_path):
    for name in ("b/z.txt", "a.txt", "b/y.txt", "notes.pdf"):
        _write(tmp_path, name, TEXT.encode("utf-8"))
    assert [a.source for a in read_articles([tmp_path])] == ["a.txt", "b/y.txt", "b/z.txt"]


def test_same_stem_in_two_folders_gives_two_ids(tmp_path):
    _write(tmp_path, "a/x.txt", TEXT.encode("utf-8"))
    _write(tmp_path, "b/x.txt", TEXT.encode("utf-8"))
    ids = [a.id for a in read_articles([tmp_path])]
    assert ids[0] == "x" and len(set(ids)) == 2


def test_jsonl_records_in_line_order_with_a_broken_line(tmp_path):
    lines = [
        json.dumps(
            {"id": "rec 1", "text": TEXT, "date": "2019/5/12", "publisher": "某县融媒体中心"}, ensure_ascii=False
        ),
        "{not json",
        "",
        json.dumps(
            {
                "html": (FIXTURES / "page.html").read_text(encoding="utf-8"),
                "url": "http://www.example.cn/2019-05/12/c.htm",
            }
        ),
        json.dumps({"title": "没有正文"}, ensure_ascii=False),
    ]
    _write(tmp_path, "feed.jsonl", "\n".join(lines).encode("utf-8"))
    results = list(read_articles([tmp_path / "feed.jsonl"]))
    assert [type(r).__name__ for r in results] == ["Article", "InputProblem", "Article", "InputProblem"]
    first, broken, second, empty = results
    assert (first.id, first.source, first.issued, first.publisher) == (
        "rec_1",
        "feed.jsonl:1",
        "2019-05-12",
        "某县融媒体中心",
    )
    assert first.content_hash == hashlib.sha256(lines[0].encode("utf-8")).hexdigest()
    assert broken.source == "feed.jsonl:2" and "feed.jsonl:2" in broken.problem and "JSON" in broken.problem
    assert (second.id, second.source, second.url) == (
        "feed-4",
        "feed.jsonl:4",
        "http://www.example.cn/2019-05/12/c.htm",
    )
    assert empty.source == "feed.jsonl:5"


def test_html_main_text_and_metadata_come_from_trafilatura():
    (article,) = read_articles([FIXTURES / "page.html"])
    assert article.title == "某县推进产业扶贫 带动贫困户增收"
    assert article.issued == "2019-05-12"
    assert "带动贫困户1500户增收" in article.text
    assert "首页" not in article.text and "ICP" not in article.text


def test_bad_inputs_are_problems_and_reading_goes_on(tmp_path):
    _write(tmp_path, "1-empty.txt", b"")
    _write(tmp_path, "2-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(tmp_path, "3-undecodable.txt", bytes(range(0x80, 0x100)) * 4)
    _write(tmp_path, "4-big.txt", TEXT.encode("utf-8") * 100)
    _write(tmp_path, "5-furniture-only.txt", "当前位置:首页>政府动态\n版权所有:某县人民政府".encode())
    _write(tmp_path, "6-good.txt", TEXT.encode("utf-8"))
    results = list(read_articles([tmp_path], max_bytes=1000))
    problems = [r for r in results if isinstance(r, InputProblem)]
    assert [p.source for p in problems] == [
        "1-empty.txt",
        "2-binary.txt",
        "3-undecodable.txt",
        "4-big.txt",
        "5-furniture-only.txt",
    ]
    for problem, word in zip(
        problems, ["empty", "binary", "undecodable", "over the limit", "no article text"], strict=True
    ):
        assert problem.problem.startswith(problem.source) and word in problem.problem and "\n" not in problem.problem
    assert isinstance(results[-1], Article) and results[-1].source == "6-good.txt"


def test_named_file_of_another_type_or_missing_is_reported(tmp_path):
    pdf = _write(tmp_path, "report.pdf", b"%PDF-1.4")
    results = list(read_articles([pdf, tmp_path / "missing.txt"]))
    assert all(isinstance(r, InputProblem) for r in results)
    assert {r.source for r in results} == {"report.pdf", "missing.txt"}


def test_inspect_report_shows_text_metadata_and_removals(tmp_path):
    path = _write(tmp_path, "a.txt", f"当前位置:首页>扶贫\n{TEXT}".encode())
    report = inspect_report(path)
    assert "title: 某县推进产业扶贫" in report
    assert "带动贫困户1500户增收" in report
    assert "navigation" in report and "当前位置" in report
