"""The Streamlit dashboard: data loading, filters, the timeline, the evidence of an event."""
