"""songngu's Streamlit app: page config and navigation only (pages live in ui/)."""

import streamlit as st

from ui.navigation import pages

st.set_page_config(page_title="songngu", page_icon="📖", layout="wide")
st.navigation(pages()).run()
