"""Extraction quality is a number every change reports: floors on the samples and the development set.

The floors sit just under the figures measured when they were set; a change that drops a
field below its floor fails here and must say why (or raise the figures back).
"""

from pathlib import Path

import pytest

from kgbuild.eval import evaluate, report_as_dict
from kgbuild.model import Article
from kgbuild.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_GOLD = ROOT.parent / "shared" / "eval" / "seeds.gold.json"
DEV = ROOT / "data" / "dev"

SAMPLE_FLOORS = {"places": 0.95, "bodies": 0.97, "programs": 0.90, "groups": 0.96, "outcomes": 0.97,
                 "program→targets": 0.80, "program→implementedBy": 0.80}
DEV_FLOORS = {"places": 0.94, "bodies": 0.96, "programs": 0.87, "groups": 0.90, "outcomes": 0.97,
              "program→targets": 0.70, "program→implementedBy": 0.79}


def field_f1(gold: Path, articles: Path) -> dict[str, float]:
    extracted = [item for item in analyse([articles]) if isinstance(item, Article)]
    fields = report_as_dict(evaluate(gold, extracted))["fields"]
    return {name: score["f1"] for name, score in fields.items()}


def below(scores: dict[str, float], floors: dict[str, float]) -> dict[str, tuple[float, float]]:
    return {name: (round(scores[name], 3), floor) for name, floor in floors.items() if scores[name] < floor}


@pytest.mark.skipif(not SAMPLES_GOLD.exists(), reason="the samples' gold lives in the shared folder beside the checkout")
def test_eval_samples_stay_above_their_floors():
    assert below(field_f1(SAMPLES_GOLD, ROOT / "data" / "articles"), SAMPLE_FLOORS) == {}


def test_eval_dev_set_stays_above_its_floors():
    assert below(field_f1(DEV / "dev.gold.json", DEV / "articles"), DEV_FLOORS) == {}
