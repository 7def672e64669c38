"""The Machine translation page (ui/pages/translate.py), as st.navigation runs it."""

from ui.pages import translate

translate.render()
