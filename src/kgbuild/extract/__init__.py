"""Extraction: fill ``article.facts`` from the article's sentences.

The components run in order, each using what the earlier ones found:

places (gazetteer) → bodies → groups → programs (with their bodies, groups,
sectors and measures) → outcomes → outcomes attached to programs → a
deterministic order of every list.
"""

from __future__ import annotations

from kgbuild.gazetteer import resolve_places
from kgbuild.lexicon import Lexicon
from kgbuild.model import Article, Facts

from .bodies import find_body_mentions, merge_bodies
from .groups import find_group_spans, served_groups
from .measures import attach_measures
from .outcomes import extract_outcomes
from .programs import find_program_mentions
from .relations import ArticleIndex, attach_outcomes, build_programs, served_group_spans

__all__ = ["extract"]


def extract(article: Article) -> Article:
    """Fill ``article.facts`` and return the article."""
    lexicon = Lexicon.default()
    places = resolve_places(article)
    body_mentions = find_body_mentions(article, places, lexicon)
    program_mentions = find_program_mentions(article, lexicon, places)
    index = ArticleIndex(
        article, body_mentions, find_group_spans(article, lexicon), places, lexicon,
        programs=program_mentions,
    )
    programs, owners = build_programs(program_mentions, index)
    attach_measures(programs, owners, index)
    outcomes = extract_outcomes(article, places)
    attach_outcomes(outcomes, programs, owners, index)
    groups = served_groups(served_group_spans(owners, index))
    article.facts = Facts(
        places=list(places.mentions),
        bodies=merge_bodies(body_mentions),
        programs=programs,
        groups=groups,
        outcomes=outcomes,
    )
    return article
