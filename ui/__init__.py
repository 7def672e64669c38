"""Streamlit pages and components; the only package that imports streamlit."""
