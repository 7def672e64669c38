"""The Export page (ui/pages/export.py), as st.navigation runs it."""

from ui.pages import export

export.render()
