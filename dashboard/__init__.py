"""The Streamlit dashboard: ``streamlit run dashboard/app.py``.

``app.py`` draws the page; the modules beside it hold what it draws with: loading
(:mod:`.data`), the corpus' tables in DuckDB (:mod:`.store`), filtering as SQL
(:mod:`.filters`), the queries of what the filters keep (:mod:`.view`), the sidebar
(:mod:`.sidebar`), the map
(:mod:`.mapview`), excerpts and articles (:mod:`.excerpts`), the timeline
(:mod:`.timeline`), exports (:mod:`.export`), widget keys and the URL (:mod:`.state`),
kinds of place (:mod:`.kinds`), counts in words (:mod:`.wording`), the one escaping
helper (:mod:`.escape`), the host's settings (:mod:`.settings`) and the optional
password (:mod:`.access`). :mod:`.cli` is the ``iraqmap`` command, which serves it.
"""
