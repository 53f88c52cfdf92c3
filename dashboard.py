"""Streamlit app: the interactive timeline of events extracted from news articles (timeline/app/).

    streamlit run dashboard.py                          # the bundled sample articles
    streamlit run dashboard.py -- --data DIR            # articles under DIR
    streamlit run dashboard.py -- --events FILE.csv     # an event table written by `python -m timeline extract`
    streamlit run dashboard.py -- --store DIR           # an event store built by `python -m timeline ingest`
"""

from pathlib import Path

from timeline.app.views import main

main(sample_dir=Path(__file__).resolve().parent / "sample_data")
