"""The Users page (ui/pages/users.py), as st.navigation runs it."""

from ui.pages import users

users.render()
