"""One incident, many outlets: the events of different articles that report one incident.

Two events are one incident when they are of one type, dated (to the day) within a day of
each other, and located within the incident's precision: at the same point, or no farther
apart than the larger of their places' extents (a district holds a town in it; two towns
30 km apart are two places). A whole country is no one place here: events located only
at a country join those at the same country alone. Events without a day or a point stay
incidents of their own, and so do events recalled from years back (their ``date`` is
their report's publication, :meth:`gazetteer.pipeline.Extraction.dated`, not their own).

:func:`incident_ids` groups the events table (the page's incidents view,
:mod:`dashboard.store`, then counts each incident's reports and outlets and gives casualty
figures that disagree as a range, not summed).

Cost: events of one type and day at one point are grouped at once (by hashing); only the
distinct places of a type over two days are compared, pairwise in arrays, and no more
than :data:`MAX_BLOCK` of them; each day's are found by bisection in the sorted days (a
pass over every place for each day cost 50 s at 20,000 articles over 12 years). So a
corpus costs in proportion to its size, whatever the span of its days.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WIDE = ("country", "beyond")  # precisions that name no one place
MIN_KM = 1.0  # points closer than this are one place
EARTH_KM = 6371.0088
# Distinct places of one type over two days compared pairwise at most (a 2,000 x 2,000
# matrix); past it, only events at the same point merge.
MAX_BLOCK = 2_000


def incident_ids(events: pd.DataFrame) -> pd.Series:
    """The incident of each event of an events table: the ``event_id`` of the earliest
    event (by date, then id) of its group; indexed like ``events``."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    e = events.reset_index(drop=True)
    recalled = e["event_date"].notna() & e["event_date"].ne(e["date"])
    day = pd.to_datetime(e["date"].where((e["date_precision"] == "day") & ~recalled),
                         errors="coerce")
    usable = day.notna() & e["lat"].notna() & e["lon"].notna()
    wide = e["geo_precision"].isin(WIDE)
    points = pd.DataFrame({
        "type": e["type"], "day": day, "lat": e["lat"].round(4), "lon": e["lon"].round(4),
        "radius": e["radius_km"].fillna(MIN_KM).where(~wide, 0.0), "wide": wide,
    })[usable]
    # One place, one day, one type: one incident.
    keys = ["type", "day", "lat", "lon", "wide"]
    first_of: dict[tuple, int] = {}
    for i, key in zip(points.index, points[keys].itertuples(index=False, name=None),
                      strict=True):
        union(first_of.setdefault(key, i), i)
    # The distinct places of a type on a day and the next, compared all at once: sorted
    # by day, each day's window is a slice found by bisection.
    places = points.groupby(keys, sort=True)["radius"].max().reset_index()
    # A country (radius 0) is one place only with itself, and apart from smaller places.
    for _, same_type in places.groupby(["type", "wide"], sort=False):
        days = same_type["day"].to_numpy()
        lat, lon, radius = (same_type[c].to_numpy() for c in ("lat", "lon", "radius"))
        rows = list(same_type[keys].itertuples(index=False, name=None))
        starts = np.unique(np.searchsorted(days, days, side="left"))
        ends = np.searchsorted(days, days[starts] + np.timedelta64(1, "D"), side="right")
        for start, end in zip(starts, ends, strict=True):
            if end - start > MAX_BLOCK:
                continue  # only the same point merges there (the bound on the cost)
            labels = _components(lat[start:end], lon[start:end], radius[start:end])
            for i, label in enumerate(labels):
                if label != i:
                    union(first_of[rows[start + i]], first_of[rows[start + label]])
    order = e.assign(day=day).sort_values(["day", "event_id"], na_position="last").index
    ids = e["event_id"].tolist()
    head: dict[int, str] = {}
    for i in order:
        head.setdefault(find(i), ids[i])
    return pd.Series([head[find(i)] for i in range(len(e))], index=events.index,
                     name="incident_id", dtype=events["event_id"].dtype)


def _components(lat: np.ndarray, lon: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """For places given by arrays, the index of the first place of each one's group: the
    groups joined by pairs no farther apart than the larger of their extents."""
    la, lo = np.radians(lat), np.radians(lon)
    h = (np.sin((la[:, None] - la[None, :]) / 2) ** 2 + np.cos(la)[:, None] * np.cos(la)[None, :]
         * np.sin((lo[:, None] - lo[None, :]) / 2) ** 2)
    km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    near = km <= np.maximum(np.maximum(radius[:, None], radius[None, :]), MIN_KM)
    labels = np.arange(len(lat))
    while True:  # each place takes the least label of its neighbours, until none changes
        new = np.where(near, labels[None, :], len(lat)).min(axis=1)
        new = new[new]  # and that label's own: chains settle in few rounds
        if np.array_equal(new, labels):
            return labels
        labels = new
