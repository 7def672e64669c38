"""One script per page for ``st.navigation`` (see ui/navigation.py).

Each file only runs its page's ``render()``. Pages are files rather than callables so that
Streamlit's AppTest can move between them (``AppTest.switch_page`` finds pages by file),
as a person does through the menu; the pages themselves stay importable modules.
"""
