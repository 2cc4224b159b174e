"""Who may see the page: Streamlit's login, or a password, for an instance shared on the
web.

A host whose secrets hold an ``[auth]`` section (an OpenID Connect provider: Google,
Microsoft Entra, Okta, Auth0...; README.md) has Streamlit's own login first: a visitor
sees a "Log in" button (``st.login``) and nothing else until the provider says who they
are. For the password, the host sets ``IRAQMAP_PASSWORD``, as a Streamlit secret
(``IRAQMAP_PASSWORD = "..."`` in ``.streamlit/secrets.toml`` or in Community Cloud's
secrets settings) or as an environment variable (:mod:`.settings`). Each new session
then sees the password prompt and nothing else until it gives the password; the session
remembers that it did (``st.session_state``, never the password itself). Unset, the page
is open, as when an analyst runs it on their own machine.

Guessing is slowed for the whole server: after :data:`FREE` wrong passwords within
:data:`WINDOW` seconds, every further attempt waits twice as long as the one before (up
to :data:`LONGEST` seconds), and an attempt made while waiting is refused unread. Every
wrong password is logged (logger ``dashboard.access``: the session and the client's
address). A session not signed in has what it uploaded removed at each run.

What neither protects: Streamlit's own endpoints answer without them (the websocket,
file uploads, ``/_stcore/health`` and ``/_stcore/metrics``, the static files), so a
client can still open sessions, upload files (within ``server.maxUploadSize``) and clear
the server's caches. For a login in front of everything, put a reverse proxy's before
the server (README.md; tests/test_proxy.py).
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections import deque

import streamlit as st

from dashboard import sessions, state
from dashboard.settings import setting

PASSWORD = "IRAQMAP_PASSWORD"
FREE = 3  # wrong passwords within WINDOW before attempts must wait
WINDOW = 15 * 60.0
LONGEST = 60.0  # seconds an attempt waits at most
log = logging.getLogger(__name__)


class Guesses:
    """The server's wrong passwords of the last :data:`WINDOW` seconds, and how long the
    next attempt must wait."""

    def __init__(self):
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def wrong(self) -> int:
        """Count a wrong password; how many there were in the window."""
        with self._lock:
            self._times.append(time.monotonic())
            return self._recent()

    def wait(self) -> float:
        """Seconds before an attempt is read (0: now)."""
        with self._lock:
            count = self._recent()
            if count < FREE:
                return 0.0
            due = self._times[-1] + min(LONGEST, 2.0 ** (count - FREE))
            return max(0.0, due - time.monotonic())

    def clear(self) -> None:
        with self._lock:
            self._times.clear()

    def _recent(self) -> int:
        while self._times and self._times[0] < time.monotonic() - WINDOW:
            self._times.popleft()
        return len(self._times)


guesses = Guesses()  # the module's own: a visitor can clear st.cache_resource


def granted() -> bool:
    """Whether this session may see the page. While a login is asked for and not done,
    draws its button, or while a password is set and not given, its prompt (saying so
    when the one given was wrong or came too soon), and returns False; the right password
    reruns the page, open."""
    if st.secrets.load_if_toml_exists() and "auth" in st.secrets and not st.user.is_logged_in:
        sessions.forget_uploads()
        st.button("Log in", on_click=st.login)
        return False
    password = setting(PASSWORD)
    if password is None or st.session_state.get(state.SIGNED_IN) is True:
        return True
    sessions.forget_uploads()
    with st.form(state.SIGN_IN, clear_on_submit=True):
        given = st.text_input("Password", type="password")
        entered = st.form_submit_button("Enter")
    if entered:
        if wait := guesses.wait():
            log.warning("password attempt refused: too soon after wrong ones (session %s, "
                        "client %s)", sessions.session_id(), st.context.ip_address)
            st.error(f"Too many wrong passwords: try again in {wait:.0f} s.")
        # Bytes: compare_digest takes str only when ASCII. Constant time against guessing
        # the password character by character.
        elif hmac.compare_digest(given.encode(), password.encode()):
            st.session_state[state.SIGNED_IN] = True
            st.rerun()  # the prompt goes; the page runs from the top
        else:
            count = guesses.wrong()
            log.warning("wrong password (session %s, client %s): %d in the last %d minutes",
                        sessions.session_id(), st.context.ip_address, count, WINDOW // 60)
            st.error("Wrong password.")
    return False
