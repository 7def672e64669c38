"""The Projects page (ui/pages/projects.py), as st.navigation runs it."""

from ui.pages import projects

projects.render()
