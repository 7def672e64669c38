"""The Source page (ui/pages/source.py), as st.navigation runs it."""

from ui.pages import source

source.render()
