"""App sessions for AppTest: the session state a sign-in leaves, without the sign-in form."""

from __future__ import annotations

from ui.auth import AppSession
from workflow.auth import SignedIn, credential_stamp
from workflow.permissions import Role
from workflow.storage import open_database
from workflow.users import Actor, get_user


def signed_in_as(name: str) -> AppSession:
    """What ``st.session_state[ui.auth.AUTH]`` holds after name signed in with a password
    just now; the account must exist (songngu_testing.users.add_users)."""
    with open_database().read() as session:
        user = get_user(session, name)
        signed_in = SignedIn(Actor(user.name, Role(user.role)), credential_stamp(user))
    return AppSession.start(signed_in, "password")
