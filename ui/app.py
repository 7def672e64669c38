"""The Streamlit app: page config and navigation only (pages live in ui/pages).

`songngu app` runs it (through ui/launch/streamlit_app.py, away from ui/pages: deep links)
from wherever songngu is installed; the checkout's top-level
app.py calls the same ``main`` for `streamlit run app.py`.
"""

import streamlit as st

from ui.auth import current_actor
from ui.navigation import home_page, menu, pages


def main() -> None:
    st.set_page_config(page_title="songngu", page_icon="📖", layout="wide")
    actor = current_actor()
    # Signed out, the menu is hidden and every page shows the sign-in screen (its sidebar()
    # call does), so a deep link opens its page once the person has signed in.
    listed = pages(actor)
    page = st.navigation([home_page(), *listed], position="hidden")
    if actor is not None:
        menu(listed)
    page.run()


if __name__ == "__main__":
    main()
