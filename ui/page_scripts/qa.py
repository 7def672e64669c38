"""The Quality check page (ui/pages/qa.py), as st.navigation runs it."""

from ui.pages import qa

qa.render()
