"""songngu's Streamlit app for `streamlit run app.py` in a checkout (routing is ui/app.py)."""

from ui.app import main

main()
