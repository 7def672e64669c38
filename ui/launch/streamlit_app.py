"""The main script `songngu app` runs: the router of ui/app.py.

It lives in a folder without a ``pages`` subfolder on purpose. Streamlit treats a
``pages/`` folder beside its main script as old-style multipage pages until the first
st.navigation call of the process: the first visitor of a fresh server opening a deep
link (/qa, /review) would get ui/pages/qa.py run as a page (a blank screen) instead of
the router.
"""

from ui.app import main

main()
