"""Page furniture, bylines and repeated paragraphs are removed, each with a reason."""

import pytest

from kgbuild.ingest import article_from_text

TITLE = "某县扎实推进健康扶贫工作"
BODY = "今年以来，某县落实基本医疗保险、大病保险和医疗救助三重保障，贫困人口住院自付比例降至7.35%。"
SECOND = "县卫健委组建家庭医生签约服务团队53个，实现建档立卡贫困人口签约服务全覆盖。"


@pytest.mark.parametrize(
    ("line", "reason_word"),
    [
        ("当前位置: 某网首页 地区新闻 正文", "navigation"),
        ("当前位置:首页>政府动态", "navigation"),
        ("关于我们 | 广告服务 | 联系我们 | 网站地图", "navigation"),
        ("Copyright (C) 2012-2020 某网版权所有 备案编号:冀ICP备00000000号", "copyright"),
        ("未经某网书面特别授权,请勿转载或建立镜像", "copyright"),
        ("扫码阅读手机版", "share"),
        ("分享到:", "share"),
        ("阅读次数:1024", "counter"),
        ("某网(www.example.cn)权威媒体 地方门户", "banner"),
    ],
)
def test_furniture_line_is_removed_with_its_reason(line, reason_word):
    article = article_from_text(f"{TITLE}\n{BODY}\n{line}\n{SECOND}")
    assert article.text == f"{TITLE}\n{BODY}\n{SECOND}"
    removal = next(removal for removal in article.removed if removal.kind == "furniture")
    assert reason_word in removal.reason


def test_related_news_list_goes_with_its_heading():
    related = "相关新闻:\n某市召开脱贫攻坚推进会\n某县举办就业扶贫招聘会\n某区开展消费扶贫活动"
    article = article_from_text(f"{TITLE}\n{BODY}\n{SECOND}\n{related}\n责任编辑:张三")
    assert article.text == f"{TITLE}\n{BODY}\n{SECOND}"
    assert article.editor == "张三"
    assert sum("related" in removal.reason for removal in article.removed) == 4


def test_byline_is_harvested_then_removed():
    article = article_from_text(f"{TITLE}\n来源: 某某日报 作者:李四 编辑:王五 2017-09-03 07:38:37\n{BODY}")
    assert (article.publisher, article.author, article.editor, article.issued) == (
        "某某日报",
        "李四",
        "王五",
        "2017-09-03",
    )
    assert "来源" not in article.text
    assert any(removal.kind == "byline" for removal in article.removed)


def test_source_this_site_is_not_a_publisher():
    article = article_from_text(f"{TITLE}\n2020/6/5 11:13:25 次浏览 分类:政府动态 来源:本站\n{BODY}")
    assert article.publisher is None
    assert article.issued == "2020-06-05"


def test_repeated_paragraph_is_removed_once():
    article = article_from_text(f"{TITLE}\n{BODY}\n{SECOND}\n{BODY}")
    assert article.text == f"{TITLE}\n{BODY}\n{SECOND}"
    assert [removal.kind for removal in article.removed] == ["repeated"]


def test_summary_repeating_the_lead_paragraph_is_removed():
    article = article_from_text(f"{TITLE}\n内容提要:{BODY}\n{BODY}{SECOND}")
    assert article.text == f"{TITLE}\n{BODY}{SECOND}"


def test_menu_lines_above_the_title_are_removed():
    article = article_from_text(f"政务公开\n政府动态\n{TITLE}\n时间:2019-01-02\n{BODY}")
    assert article.title == TITLE
    assert article.text == f"{TITLE}\n{BODY}"


def test_end_marker_and_print_widgets_are_removed():
    article = article_from_text(f"{TITLE}\n{BODY}\n(完)\n【打印本页】【关闭窗口】\n【字体:大 中 小】")
    assert article.text == f"{TITLE}\n{BODY}"


def test_a_sentence_mentioning_a_furniture_cue_stays():
    line = "扫描二维码即可查询帮扶责任人信息,全县已有1.2万户贫困户使用客户端。"
    article = article_from_text(f"{TITLE}\n{BODY}\n{line}")
    assert len(article.text.splitlines()) == 3
    assert not article.removed


def test_a_heading_with_a_date_is_no_byline():
    heading = "2018年9月21日召开推进会"
    article = article_from_text(f"{TITLE}\n{BODY}\n{heading}\n{SECOND}")
    assert heading in article.text.splitlines()
    assert article.issued is None


def test_social_media_prompts_are_removed():
    article = article_from_text(f"{TITLE}\n点击蓝字 关注我们\n{BODY}\n长按识别二维码关注\n阅读原文\n分享 收藏 在看")
    assert article.text == f"{TITLE}\n{BODY}"
