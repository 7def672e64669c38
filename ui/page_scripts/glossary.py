"""The Glossary page (ui/pages/glossary.py), as st.navigation runs it."""

from ui.pages import glossary

glossary.render()
