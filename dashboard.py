"""Streamlit app: the interactive timeline of events extracted from news articles."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="timeline", layout="wide")
st.title("timeline")
st.write("News articles in, a timeline of dated events out.")
