"""Scoring extract output against a hand annotation (the format of tests/data/*.gold.jsonl).

A predicted mention is a hit when its span overlaps a required gold span (each gold span
taken once); one that overlaps an optional gold span counts neither way; any other is a
false positive. Resolution is scored on hits: the great-circle distance to the gold
point, less the gold place's own extent (``radius_km``).
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from geopy.distance import great_circle


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    distances_km: list[float] = field(default_factory=list)
    published_right: int = 0
    published_total: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    spurious: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy_at(self, km: float) -> float:
        d = self.distances_km
        return sum(x <= km for x in d) / len(d) if d else 0.0

    def summary(self) -> str:
        median = statistics.median(self.distances_km) if self.distances_km else float("nan")
        return (
            f"mentions: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn})\n"
            f"resolution: acc@161km={self.accuracy_at(161):.3f} "
            f"acc@25km={self.accuracy_at(25):.3f} median={median:.1f} km\n"
            f"publication dates: {self.published_right}/{self.published_total} right"
        )


def read_jsonl(path: Path) -> dict[str, dict]:
    """Documents of a JSON Lines file by file name."""
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return {Path(r["doc"]).name: r for r in rows}


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def score(gold: dict[str, dict], predicted: dict[str, dict]) -> Scores:
    s = Scores()
    for doc, g in gold.items():
        p = predicted.get(doc, {"mentions": [], "published": None})
        golds = g["mentions"]
        taken = [False] * len(golds)
        for m in sorted(p["mentions"], key=lambda m: m["start"]):
            i = next((i for i, gm in enumerate(golds) if not taken[i] and _overlaps(m, gm)), None)
            if i is None:
                if not any(_overlaps(m, gm) for gm in golds):
                    s.fp += 1
                    s.spurious.append((doc, m["text"]))
                continue
            taken[i] = True
            gm = golds[i]
            if not gm.get("required", True):
                continue
            s.tp += 1
            if m["lat"] is None:
                s.distances_km.append(float("inf"))
            else:
                km = great_circle((m["lat"], m["lon"]), (gm["lat"], gm["lon"])).km
                s.distances_km.append(max(0.0, km - gm.get("radius_km", 0)))
        for i, gm in enumerate(golds):
            if gm.get("required", True) and not taken[i]:
                s.fn += 1
                s.misses.append((doc, gm["text"]))
        if g.get("published"):
            s.published_total += 1
            s.published_right += p.get("published") == g["published"]
    return s
