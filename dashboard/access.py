"""An optional password in front of the whole page, for an instance shared on the web.

The host sets ``IRAQMAP_PASSWORD``, as a Streamlit secret (``IRAQMAP_PASSWORD = "..."``
in ``.streamlit/secrets.toml`` or in Community Cloud's secrets settings) or as an
environment variable (:mod:`.settings`). Each new session then sees the password prompt
and nothing else until it gives the password; the session remembers that it did
(``st.session_state``, never the password itself). Unset, the page is open, as when an
analyst runs it on their own machine.
"""

from __future__ import annotations

import hmac

import streamlit as st

from dashboard import state
from dashboard.settings import setting

PASSWORD = "IRAQMAP_PASSWORD"


def granted() -> bool:
    """Whether this session may see the page. While a password is set and not given,
    draws the prompt (saying so when the one given was wrong) and returns False; the
    right password reruns the page, open."""
    password = setting(PASSWORD)
    if password is None or st.session_state.get(state.SIGNED_IN):
        return True
    with st.form(state.SIGN_IN, clear_on_submit=True):
        given = st.text_input("Password", type="password")
        entered = st.form_submit_button("Enter")
    if entered:
        # Bytes: compare_digest takes str only when ASCII. Constant time against guessing
        # the password character by character.
        if hmac.compare_digest(given.encode(), password.encode()):
            st.session_state[state.SIGNED_IN] = True
            st.rerun()  # the prompt goes; the page runs from the top
        st.error("Wrong password.")
    return False
