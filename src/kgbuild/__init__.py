"""kgbuild: a knowledge-graph builder for China's targeted poverty alleviation campaign."""

__version__ = "0.1.0"
