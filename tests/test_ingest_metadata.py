"""Title, issued date, publisher, author and editor from the page's own words."""

import pytest

from kgbuild.ingest import article_from_text
from kgbuild.ingest.metadata import date_from_url, find_date, strip_site_suffix

BODY = "今年以来，全县共帮助贫困人口实现就业1220人，就业率达100%，脱贫攻坚取得明显成效。"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("时间:2018-10-21 21:15河北网", "2018-10-21"),
        ("2020/6/5 11:13:25 次浏览", "2020-06-05"),
        ("2017-09-03 07:38:37", "2017-09-03"),
        ("发布日期:2017年9月3日", "2017-09-03"),
        ("2019.05.12", "2019-05-12"),
        ("2019-02-30", None),
        ("贫困户2304户、6113人", None),
    ],
)
def test_find_date_reads_the_usual_formats(text, iso):
    assert find_date(text) == iso


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("http://www.example.cn/news/2019-05/12/content_1.htm", "2019-05-12"),
        ("http://www.example.gov.cn/zwgk/20190512/1234.html", "2019-05-12"),
        ("http://www.example.gov.cn/art/201905/12/art_1.html", "2019-05-12"),
        ("http://www.example.gov.cn/xwzx/t20190512_123.html", "2019-05-12"),
        ("http://www.example.cn/news/index.html", None),
    ],
)
def test_date_from_url(url, iso):
    assert date_from_url(url) == iso


def test_issued_falls_back_to_the_url():
    article = article_from_text(BODY, url="http://www.example.cn/news/2019-05/12/content_1.htm")
    assert article.issued == "2019-05-12"


def test_title_is_the_heading_line_before_the_byline():
    article = article_from_text(f"图片\n政府动态\n聚焦重点精准再发力 决胜脱贫攻坚\n2020/6/5 11:13:25 来源:本站\n{BODY}")
    assert article.title == "聚焦重点精准再发力 决胜脱贫攻坚"


def test_title_is_the_first_heading_line_without_byline():
    article = article_from_text(f"某区坚持精准施策补短板,全面提升脱贫攻坚质量\n{BODY}")
    assert article.title == "某区坚持精准施策补短板\uff0c全面提升脱贫攻坚质量"


def test_no_title_when_the_text_starts_with_a_sentence():
    assert article_from_text(f"{BODY}\n{BODY[:-1]}又取得新进展。").title is None


def test_junk_heading_is_no_title():
    assert article_from_text(f"图片\n{BODY}").title is None


def test_given_metadata_wins_and_missing_stays_missing():
    article = article_from_text(BODY, title="某县就业扶贫见成效", issued="2019年3月5日", publisher="某县融媒体中心")
    assert (article.title, article.issued, article.publisher) == ("某县就业扶贫见成效", "2019-03-05", "某县融媒体中心")
    assert article.text.splitlines()[0] == "某县就业扶贫见成效"
    assert (article.author, article.editor, article.url) == (None, None, None)


def test_publisher_from_copyright_notice_and_repost_line():
    notice = "【版权及免责声明】凡本网所属版权作品,转载时须获得授权并注明来源“某某产业网”,违者本网将保留追究其相关法律责任的权力。"
    assert article_from_text(f"{BODY}\n转自:某某日报\n{notice}").publisher == "某某产业网"
    assert article_from_text(f"{BODY}\n转自:某某日报").publisher == "某某日报"
    assert article_from_text(f"{BODY}\nCopyright (C) 2012 某某网版权所有").publisher == "某某网"


def test_outlet_named_before_its_web_address():
    article = article_from_text(f"某市全面小康路上不让一个人掉队\n时间:2018-10-21 21:15某北网(www.example.cn)\n{BODY}")
    assert (article.publisher, article.issued) == ("某北网", "2018-10-21")


def test_credit_line_gives_author_and_editor():
    article = article_from_text(f"{BODY}\n(记者 朱某某 编辑 汤某)")
    assert (article.author, article.editor) == ("朱某某", "汤某")
    assert "记者" not in article.text


def test_dateline_prefix_names_the_outlet():
    article = article_from_text(f"某网讯:{BODY}")
    assert article.publisher == "某网"
    assert article.text == BODY.replace(",", "\uff0c")


def test_newspaper_dateline_with_credit_gives_author():
    article = article_from_text(f"本报讯(记者 张某 通讯员 李某){BODY}")
    assert article.author == "张某"
    assert article.text.startswith("今年以来")


def test_wire_dateline_names_the_agency_when_nothing_else_does():
    article = article_from_text(f"新华社北京5月12日电(记者 王某){BODY}")
    assert (article.publisher, article.author) == ("新华社", "王某")
    assert article.text.startswith("今年以来")


def test_a_sentence_opening_with_a_word_ending_in_xun_is_no_dateline():
    text = "今年全县通讯网络覆盖率达到100%,贫困村全部通网。"
    assert article_from_text(text).publisher is None
    assert article_from_text(text).text.startswith("今年全县通讯")


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("某县推进产业扶贫_某县政府网", "某县推进产业扶贫"),
        ("某县推进产业扶贫 - 某县人民政府", "某县推进产业扶贫"),
        ("某区坚持精准施策——精准发力,奏响脱贫交响曲", "某区坚持精准施策——精准发力,奏响脱贫交响曲"),
    ],
)
def test_site_name_appended_to_an_html_title_is_dropped(title, clean):
    assert strip_site_suffix(title) == clean


def test_title_below_the_byline_is_found():
    article = article_from_text(f"来源:某县融媒体中心 2019-05-12\n某县推进就业扶贫\n{BODY}")
    assert (article.title, article.publisher, article.issued) == ("某县推进就业扶贫", "某县融媒体中心", "2019-05-12")


def test_label_in_front_of_the_title_is_dropped():
    article = article_from_text(f"原标题:易地扶贫搬迁 搬出幸福新生活\n{BODY}")
    assert article.title == "易地扶贫搬迁 搬出幸福新生活"
    assert article.text.splitlines()[0] == article.title
