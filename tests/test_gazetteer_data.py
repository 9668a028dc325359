"""The vendored gazetteer: areas by code, ancestors, lookup by full, short, former and 乡/镇 names."""

from __future__ import annotations

import functools
import gzip
import importlib.util
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from kgbuild.gazetteer import Area, Gazetteer
from kgbuild.gazetteer.gazetteer import (
    COUNTRY_ROW,
    DATA,
    naming,
    normalise_code,
    read_tsv,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def codes(areas: list[Area]) -> list[str]:
    return [area.code for area in areas]


def test_gazetteer_default_is_cached_and_loads_quickly(gazetteer):
    """Loading in a fresh interpreter (so this process's cached gazetteer is not reused) takes well under a second."""
    script = (
        "import time; began = time.perf_counter(); from kgbuild.gazetteer import Gazetteer; "
        "Gazetteer.default(); print(time.perf_counter() - began)"
    )
    elapsed = float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
    assert elapsed < 3.0  # about 0.5 s on an idle developer machine; CI cores are slower
    assert Gazetteer.default() is gazetteer


def test_gazetteer_area_has_name_level_parent_coordinates_and_pinyin(gazetteer):
    area = gazetteer.area("131002")
    assert (area.name, area.level, area.parent) == ("安次区", "county", "131000")
    assert area.short_names == ("安次",)
    assert area.pinyin == "Āncì Qū"
    assert isinstance(area.lat, Decimal) and Decimal(39) < area.lat < Decimal(40)
    assert isinstance(area.lon, Decimal) and Decimal(116) < area.lon < Decimal(117)


def test_gazetteer_counts_of_each_level(gazetteer):
    rows = list(read_tsv(DATA / "areas.tsv.gz"))
    levels = {
        level: sum(row["level"] == level for row in rows) for level in ("province", "prefecture", "county", "township")
    }
    assert levels["province"] == 34
    assert 330 <= levels["prefecture"] <= 340
    assert 2800 <= levels["county"] <= 2900
    assert levels["township"] > 40000


def test_gazetteer_ancestors_run_parent_first_up_to_the_province(gazetteer):
    assert codes(gazetteer.ancestors("131002106")) == ["131002", "131000", "130000"]
    assert codes(gazetteer.ancestors("130000")) == []


def test_gazetteer_municipality_districts_sit_directly_in_the_province(gazetteer):
    assert gazetteer.area("120119").parent == "120000"
    assert codes(gazetteer.ancestors("120119106")) == ["120119", "120000"]
    assert gazetteer.area("120100") is None  # the statistical 市辖区 layer is not an area
    assert codes(gazetteer.lookup("天津市")) == ["120000"]


def test_gazetteer_twelve_digit_codes_are_normalised(gazetteer):
    assert normalise_code("131002000000") == "131002"
    assert normalise_code("131002106000") == "131002106"
    assert gazetteer.area("131000000000").name == "廊坊市"


def test_gazetteer_lookup_by_full_and_short_names(gazetteer):
    assert codes(gazetteer.lookup("廊坊市")) == ["131000"]
    assert codes(gazetteer.lookup("廊坊")) == ["131000"]
    assert codes(gazetteer.lookup("大厂"))[:2] == ["131028", "131028100"]  # the county, then 大厂镇 in it
    assert "130321" in codes(gazetteer.lookup("青龙"))
    assert gazetteer.lookup("不存在的地方") == []


def test_gazetteer_lookup_puts_full_names_before_former_and_short_names(gazetteer):
    assert {"340402", "630121"} <= set(codes(gazetteer.lookup("大通")))
    # 毕节市 is the prefecture's name now and the former name of 七星关区
    assert codes(gazetteer.lookup("毕节市")) == ["520500", "520502"]


def test_gazetteer_lookup_finds_former_names(gazetteer):
    assert codes(gazetteer.lookup("蓟县")) == ["120119"]
    assert codes(gazetteer.lookup("襄樊市")) == ["420600"]
    assert gazetteer.area("120225").code == "120119"  # a former code leads to the current area


def test_gazetteer_lookup_treats_xiang_and_zhen_as_one(gazetteer):
    assert codes(gazetteer.lookup("调河头乡")) == ["131002104"]
    assert codes(gazetteer.lookup("调河头镇")) == ["131002104"]


def test_gazetteer_villages_are_found_within_townships_and_counties(gazetteer):
    zhu = gazetteer.villages_within("131002106")["朱村"]
    assert codes(zhu) == ["131002106244"]
    assert zhu[0].level == "village" and zhu[0].parent == "131002106"
    assert "窄坡村" in gazetteer.villages_within("131028")
    assert gazetteer.area("131002106244").name == "朱村"
    assert codes(gazetteer.ancestors("131002106244"))[:2] == ["131002106", "131002"]


def test_gazetteer_country_is_an_area_but_not_an_ancestor(gazetteer):
    assert gazetteer.area("100000").level == "country"
    assert all(area.level != "country" for area in gazetteer.ancestors("131002"))


def test_gazetteer_naming_data_declares_township_classes():
    classes = naming()["township_suffix_classes"]
    assert classes["乡"] == classes["镇"]
    assert classes["街道"] != classes["镇"]


@functools.cache
def load_build_script(name: str = "build_gazetteer"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("大厂回族自治县", "大厂"),
        ("大通回族土族自治县", "大通"),
        ("内蒙古自治区", "内蒙古"),
        ("广西壮族自治区", "广西"),
        ("延边朝鲜族自治州", "延边"),
        ("大兴安岭地区", "大兴安岭"),
        ("孙各庄满族乡", "孙各庄"),
        ("东乡族自治县", "东乡"),
        ("青县", "青"),
    ],
)
def test_gazetteer_build_script_splits_names_into_stem_and_generic_part(name, stem):
    build = load_build_script()
    nations = ["回族", "土族", "满族", "壮族", "朝鲜族", "蒙古族", "东乡族"]
    namer = build.Namer(naming(), nations)
    assert namer.split(name)[0] == stem
    assert namer.short_names(name) == ([stem] if len(stem) >= 2 else [])


def test_gazetteer_children_are_the_areas_directly_within(gazetteer):
    children = gazetteer.children("131000")
    assert "131002" in codes(children) and "131028" in codes(children)
    assert all(child.parent == "131000" for child in children)
    assert "120119" in codes(gazetteer.children("120000"))


def test_gazetteer_build_script_writes_xiang_for_zhen_and_back():
    build = load_build_script()
    namer = build.Namer(naming(), ["满族"])
    classes, written = naming()["township_suffix_classes"], naming()["township_variant_suffixes"]
    assert namer.township_variants("调河头镇", classes, written) == ["调河头乡"]
    assert namer.township_variants("孙各庄满族乡", classes, written) == ["孙各庄镇", "孙各庄乡"]
    assert namer.township_variants("东城街道", classes, written) == ["东城街道办事处", "东城办事处"]


def test_gazetteer_area_is_the_same_however_its_code_is_written(gazetteer):
    area = gazetteer.area("131002")
    assert gazetteer.area("131002000000") is area
    assert gazetteer.area("350527000") is gazetteer.area("350527")  # a 9-digit code of zeros is the county
    village = gazetteer.area("131002106244")
    assert village is not None and gazetteer.area("131002106244") is village


def test_gazetteer_ancestor_codes_are_those_of_the_ancestors(gazetteer):
    assert gazetteer.ancestor_codes("131002106") == ("131002", "131000", "130000")
    assert gazetteer.ancestor_codes("130000") == ()


def test_gazetteer_name_index_finds_names_in_running_text(gazetteer):
    text = "廊坊市安次区"
    assert (0, 3) in gazetteer.name_spans(text)
    assert (3, 6) in gazetteer.name_spans(text)


def test_gazetteer_villages_have_the_pinyin_of_their_names(gazetteer):
    assert gazetteer.villages_within("131002106")["朱村"][0].pinyin == "Zhū Cūn"
    assert gazetteer.area("131002106244").pinyin == "Zhū Cūn"


def test_gazetteer_village_pinyin_file_matches_the_villages():
    """Row for row, village for village; the pinyin itself checked on a sample of townships.
    If this fails, run scripts/build_village_pinyin.py."""
    build = load_build_script("build_village_pinyin")
    villages = read_tsv(DATA / "villages.tsv.gz")
    pinyin = read_tsv(DATA / "villages_pinyin.tsv.gz")
    word = naming()["villages"]["village_word"]
    count = 0
    for number, (row, readings) in enumerate(zip(villages, pinyin, strict=True)):
        assert readings["township"] == row["township"]
        assert len(readings["pinyin"].split("|")) == len(row["villages"].split("|"))
        if number % 500 == 0:
            assert build.pinyin_row(row["township"], row["villages"], word) == "\t".join(readings.values())
            count += 1
    assert count > 50


def test_gazetteer_names_file_matches_the_areas_and_renames():
    """If this fails, run scripts/build_gazetteer_names.py."""
    build = load_build_script("build_gazetteer_names")
    assert gzip.decompress((DATA / "names.tsv.gz").read_bytes()).decode("utf-8") == build.names_text()


def test_gazetteer_names_are_those_of_its_rows_with_or_without_the_names_file(gazetteer):
    """A gazetteer built from rows alone derives the names the file holds."""
    rows = [list(COUNTRY_ROW), ["131002", "安次区", "county", "131000", "", "", "安次", "", "Āncì Qū"],
            ["131002104", "调河头镇", "township", "131002", "", "", "调河头", "调河头乡", ""]]
    renames = [{"code": "131002", "old_code": "131099", "old_name": "旧安次县", "short_names": "旧安次"}]
    small = Gazetteer(rows, renames)
    assert small.has_name("安次") and not small.has_name("蓟州")
    assert [(e.code, e.kind) for e in small.entries("调河头乡")] == [("131002104", "variant")]
    assert [(e.code, e.kind) for e in small.entries("旧安次")] == [("131002", "former-short")]
    assert small.name_spans("安次区调河头镇") == [(0, 2), (0, 3), (3, 6), (3, 7)]
    assert small.name_lengths["安"] == (3, 2)
    assert [(e.code, e.kind) for e in small.entries("安次区")] == [
        (e.code, e.kind) for e in gazetteer.entries("安次区")
    ]
