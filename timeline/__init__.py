"""timeline: news articles in, dated and attributed events out."""

__version__ = "0.1.0"
