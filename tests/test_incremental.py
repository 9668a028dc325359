"""What a rebuild may skip: files whose bytes and builder are unchanged, known without re-reading them."""

import os

from kgbuild.incremental import (ArticleIndex, FailedInput, FileHashes, Inputs, builder_fingerprint, failed_before,
                                 file_is_unchanged)
from kgbuild.ingest.read import input_files
from kgbuild.store import StoredArticle


def test_the_builder_fingerprint_names_the_version_and_a_hash():
    fingerprint = builder_fingerprint()
    assert fingerprint.startswith("kgbuild ") and len(fingerprint.split()[-1]) == 16


def test_a_hash_is_remembered_by_size_and_time_and_redone_when_either_changes(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("全县共有贫困户100户。", encoding="utf-8")
    first = FileHashes(tmp_path / "hashes.tsv")
    digest = first.digest(article)
    first.save()

    remembered = FileHashes(tmp_path / "hashes.tsv")
    status = article.stat()
    article.write_text("全县共有贫困户900户。", encoding="utf-8")  # same size
    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert remembered.digest(article) == digest  # size and time unchanged: not re-read

    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    assert remembered.digest(article) != digest


def test_only_the_files_of_this_build_are_kept(tmp_path):
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    hashes = FileHashes(tmp_path / "hashes.tsv")
    hashes.digest(tmp_path / "a.txt")
    hashes.digest(tmp_path / "b.txt")
    hashes.save()
    again = FileHashes(tmp_path / "hashes.tsv")
    again.digest(tmp_path / "b.txt")
    again.save()
    assert list(FileHashes(tmp_path / "hashes.tsv").known) == [os.path.abspath(tmp_path / "b.txt")]


def test_a_file_is_unchanged_only_with_the_same_bytes_and_builder(tmp_path):
    (tmp_path / "a.txt").write_text("全县共有贫困户100户。", encoding="utf-8")
    item = next(iter(input_files([tmp_path])))
    hashes = FileHashes(None)
    digest = hashes.digest(item.path)
    stored = {item.source: StoredArticle("https://w3id.org/fupin/article/a", digest, "kgbuild 1 x")}
    assert file_is_unchanged(item, stored, "kgbuild 1 x", hashes)
    assert not file_is_unchanged(item, stored, "kgbuild 2 y", hashes)
    assert not file_is_unchanged(item, {}, "kgbuild 1 x", hashes)
    (tmp_path / "a.txt").unlink()
    assert not file_is_unchanged(item, stored, "kgbuild 1 x", hashes)


def test_the_article_index_is_read_only_under_the_generation_it_was_saved_with(tmp_path):
    index = ArticleIndex(tmp_path / "articles.tsv")
    inputs = Inputs(
        articles={"县/a b.txt": StoredArticle("https://w3id.org/fupin/article/a", "0" * 64, "kgbuild 1 x"),
                  "c.txt": StoredArticle("https://w3id.org/fupin/article/c", "1" * 64, "kgbuild 1 x")},
        failures={"c.txt": FailedInput("2" * 64, "kgbuild 1 x", True, ("第一\t条", "second\nline")),
                  "d.txt": FailedInput("3" * 64, "kgbuild 1 x", False, ("d.txt: undecodable bytes",))})
    assert index.read("g1") is None
    index.save(inputs, "g1")
    assert index.read("g1") == inputs
    assert index.read("g2") is None and index.read(None) is None
    assert ArticleIndex(None).read("g1") is None


def test_a_failure_is_remembered_for_the_same_bytes_and_builder_only(tmp_path):
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    item = next(iter(input_files([tmp_path])))
    hashes = FileHashes(None)
    failed = FailedInput(hashes.digest(item.location), "kgbuild 1 x", False, ("a.txt: too short",))
    assert failed_before(item, {"a.txt": failed}, "kgbuild 1 x", hashes) == failed
    assert failed_before(item, {"a.txt": failed}, "kgbuild 2 y", hashes) is None
    (tmp_path / "a.txt").write_text("乙丙", encoding="utf-8")
    assert failed_before(item, {"a.txt": failed}, "kgbuild 1 x", hashes) is None


def test_hashes_are_not_rewritten_when_nothing_changed(tmp_path):
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    first = FileHashes(tmp_path / "hashes.tsv")
    first.digest(tmp_path / "a.txt")
    first.save()
    written = (tmp_path / "hashes.tsv").stat().st_mtime_ns
    again = FileHashes(tmp_path / "hashes.tsv")
    again.digest(tmp_path / "a.txt")
    os.utime(tmp_path / "hashes.tsv", ns=(written - 10**9, written - 10**9))
    again.save()
    assert (tmp_path / "hashes.tsv").stat().st_mtime_ns == written - 10**9


def test_caches_this_version_did_not_write_are_ignored(tmp_path):
    (tmp_path / "articles.tsv").write_text("# kgbuild article index, store generation\tg1\nstored\ta.txt\tonly-two\n",
                                           encoding="utf-8")
    assert ArticleIndex(tmp_path / "articles.tsv").read("g1") is None
    (tmp_path / "hashes.tsv").write_bytes(b"\xff\xfe not text")
    assert FileHashes(tmp_path / "hashes.tsv").known == {}
