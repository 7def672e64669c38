"""The Review page (ui/pages/review.py), as st.navigation runs it."""

from ui.pages import review

review.render()
