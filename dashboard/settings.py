"""What a host sets: one name, read from Streamlit's secrets, else from the environment.

A setting ``IRAQMAP_X`` is ``st.secrets["IRAQMAP_X"]`` (a top-level key of
``.streamlit/secrets.toml``, or of the secrets box in Community Cloud's app settings) when
the secrets hold it, else the environment variable ``IRAQMAP_X``; an empty value is no
value. Everything a host may set is read here:

- ``IRAQMAP_PASSWORD``: the password the page asks for first (:mod:`.access`); none by
  default, and the page is open;
- ``IRAQMAP_CORPUS``, ``IRAQMAP_DATASET``: the server's corpus
  (:mod:`.data`);
- what a visitor may upload at once (:func:`dashboard.data.upload_limits`), each a
  positive whole number: ``IRAQMAP_MAX_UPLOAD_MB`` (per file, default 20; above
  ``server.maxUploadSize`` of ``.streamlit/config.toml``, 50, raise that too),
  ``IRAQMAP_MAX_FILES`` (files per upload, default 200) and ``IRAQMAP_MAX_TEXT_CHARS``
  (a longer document is cut there, default 1,000,000).
"""

from __future__ import annotations

import os

import streamlit as st


def setting(name: str) -> str | None:
    """The host's value of ``name`` (see the module's docstring), None when unset."""
    # load_if_toml_exists() says quietly whether there are secrets; st.secrets[...] would
    # raise with no secrets file. st.secrets is looked up on each call: AppTest swaps it.
    if st.secrets.load_if_toml_exists() and name in st.secrets:
        value = st.secrets[name]
    else:
        value = os.environ.get(name)
    return None if value is None or value == "" else str(value)


def positive_int(name: str, default: int) -> int:
    """The host's setting ``name`` as a positive whole number, ``default`` when unset.
    Anything else stops the page with an error naming the setting (visitors would only
    see an exception's type: .streamlit/config.toml hides the details)."""
    value = setting(name)
    if value is None:
        return default
    if value.strip().isdecimal() and int(value) > 0:
        return int(value)
    st.error(f"The host setting {name} must be a positive whole number, not {value!r}.")
    st.stop()
