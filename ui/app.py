"""The Streamlit app: page config and navigation only (pages live in ui/pages).

`songngu app` runs this file from wherever songngu is installed; the checkout's top-level
app.py calls the same ``main`` for `streamlit run app.py`.
"""

import streamlit as st

from ui.navigation import pages


def main() -> None:
    st.set_page_config(page_title="songngu", page_icon="📖", layout="wide")
    st.navigation(pages()).run()


if __name__ == "__main__":
    main()
