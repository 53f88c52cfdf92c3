"""The Streamlit dashboard: where the events come from and the caches in front of them (sources), the filter
widgets (sidebar), the page (views: `main`), Plotly figures (charts) and the evidence of an event (evidence)."""
