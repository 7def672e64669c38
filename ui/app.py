"""The Streamlit app: page config and navigation only (pages live in ui/pages).

`songngu app` runs this file from wherever songngu is installed; the checkout's top-level
app.py calls the same ``main`` for `streamlit run app.py`.
"""

import streamlit as st

from ui.auth import current_actor
from ui.navigation import pages


def main() -> None:
    st.set_page_config(page_title="songngu", page_icon="📖", layout="wide")
    actor = current_actor()
    # Signed out, the menu is hidden and every page shows the sign-in screen (its sidebar()
    # call does), so a deep link opens its page once the person has signed in.
    st.navigation(pages(actor), position="sidebar" if actor else "hidden").run()


if __name__ == "__main__":
    main()
