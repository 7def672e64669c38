"""The script `songngu app` hands to Streamlit (streamlit_app.py), in a folder of its own."""
