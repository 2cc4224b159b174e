"""A hosted-style soak: the app under ten visitors at once, and its memory after they go.

    python benchmarks/soak.py                         # 10 visitors, 4 minutes
    python benchmarks/soak.py --visitors 4 --minutes 1 --ttl 5
    python benchmarks/soak.py --root ../main          # another checkout's app (a baseline)

Starts ``streamlit run dashboard/app.py`` of ``--root`` (this checkout by default) on a
free port, with ``server.disconnectedSessionTTL`` set to ``--ttl`` seconds (how long a
left session is kept for its return). One visitor first opens the page and uploads a
small file (the gazetteer and the reader processes are then up), leaves, and the server
is given the TTL and a few seconds to settle: its memory then is the baseline. Then
``--visitors`` visitors at once, in Chromium (Debian's), each again and again until
``--minutes`` are up: opens the page, uploads a jsonl of about ``--upload-mb`` MB of
articles (the seeds, renamed and shuffled, different for each visit), waits for it to be
read, filters by words and shows page furniture, downloads the mentions as CSV, leaves.
Then nobody, for the TTL and ``--settle`` more seconds.

Prints the resident memory (RSS) of the server's process tree (the server and the
processes it started) every ``--every`` seconds, with the visitors on the page, then:
baseline, peak, and the level after the visitors left, as a ratio of the baseline.
Returns 0 when that ratio is at most 1.2 (the target: memory returns within 20% of
where it started), else 1. A figure, not a test; tests/test_soak.py runs a short one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.async_api import TimeoutError, async_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 300_000  # ten visitors on two cores: a page may take minutes
TARGET = 1.2


@dataclass
class Memory:
    """The server's process tree's RSS, sampled by a thread of its own."""

    pid: int
    every: float
    samples: list[tuple[float, int, int]] = field(default_factory=list)  # t, MB, visitors
    visitors: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> Memory:
        self.t0 = time.monotonic()
        threading.Thread(target=self._sample, daemon=True).start()
        return self

    def now(self) -> int:
        """MB of the server and its children now."""
        server = psutil.Process(self.pid)
        tree = [server, *server.children(recursive=True)]
        total = 0
        for process in tree:
            with suppress(psutil.NoSuchProcess):  # a reader replaced meanwhile
                total += process.memory_info().rss
        return round(total / 1e6)

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append((time.monotonic() - self.t0, self.now(), self.visitors))
            t, mb, on = self.samples[-1]
            print(f"{t:7.0f} s  {mb:6,} MB  {on:3} visitors", flush=True)

    def stop(self) -> None:
        self._stop.set()


def upload(path: Path, megabytes: float, seed: int) -> Path:
    """A jsonl of about ``megabytes`` MB: the seed articles, renamed and shuffled."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng, lines, size = random.Random(seed), [], 0
    while size < megabytes * 1e6:
        text = rng.choice(texts)
        paragraphs = text.split("\n")
        rng.shuffle(paragraphs)
        line = json.dumps({"id": f"{seed}-{len(lines)}", "text": "\n".join(paragraphs)},
                          ensure_ascii=False)
        lines.append(line)
        size += len(line.encode())
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(root: Path, ttl: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IRAQMAP_")}
    env["IRAQMAP_TILES"] = "none"  # offline: the map's own background only
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless",
         "true", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.disconnectedSessionTTL", str(ttl)],
        cwd=root, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise TimeoutError(f"the app did not start: see {log}")


async def visit(browser, url: str, article: Path | None, memory: Memory,
                downloads: Path) -> None:
    """One visitor: the page, an upload, filters, an export, gone."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000},
                                        accept_downloads=True)
    memory.visitors += 1
    try:
        page = await context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        await page.goto(url)
        await page.get_by_text("seeds:").first.wait_for()
        if article is None:
            return
        await page.locator("input[type=file]").set_input_files(article)
        await page.get_by_text("1 uploaded file: 1 file:").first.wait_for()
        words = page.get_by_label("Words in the text", exact=True).and_(page.locator("input"))
        await words.fill("هجوم")
        await words.press("Enter")
        await settled(page)
        await page.get_by_text("Show page furniture").click()
        await settled(page)
        for _ in range(3):  # a click as a rerun starts is lost: click again
            try:
                async with page.expect_download(timeout=60_000) as download:
                    await page.get_by_role("button", name="Download mentions (CSV)").click()
                break
            except TimeoutError:
                await settled(page)
        else:
            raise TimeoutError("no download after three clicks")
        await (await download.value).save_as(downloads / f"{article.stem}.csv")
    finally:
        memory.visitors -= 1
        await context.close()


async def settled(page, quiet: float = 2.0) -> None:
    """Wait until the page has not been running for ``quiet`` seconds (a button clicked
    while it runs may be replaced, and its click lost)."""
    since = time.monotonic()
    while time.monotonic() - since < quiet:
        await page.wait_for_timeout(250)
        if await page.locator("[data-testid=stStatusWidget]").count():
            since = time.monotonic()


async def visitors(url: str, count: int, seconds: float, megabytes: float, memory: Memory,
                   work: Path) -> int:
    """``count`` visitors coming back again and again for ``seconds``; visits done."""
    done = [0]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        await visit(browser, url, upload(work / "warm.jsonl", 0.02, 0), memory, work)

        async def one(number: int) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                article = upload(work / f"v{number}-{done[0]}.jsonl", megabytes,
                                 number * 1000 + done[0])
                try:
                    await visit(browser, url, article, memory, work)
                    done[0] += 1
                except Exception as err:  # a visit that failed is said, not fatal
                    print(f"visitor {number}: {type(err).__name__}: {err}".split("\n")[0],
                          flush=True)
                article.unlink()

        if count:
            await asyncio.gather(*(one(n) for n in range(count)))
        await browser.close()
    return done[0]


def settle(memory: Memory, seconds: float) -> int:
    """The tree's RSS after ``seconds`` (the median of the last few samples)."""
    time.sleep(seconds)
    levels = []
    for _ in range(5):
        levels.append(memory.now())
        time.sleep(1)
    return sorted(levels)[len(levels) // 2]


def run(root: Path = ROOT, visitors_: int = 10, minutes: float = 4, ttl: int = 30,
        upload_mb: float = 1.0, every: float = 10, settle_seconds: float = 20) -> dict:
    """The soak (see the module's docstring); its figures."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        server, url = start(root, ttl, work / "streamlit.log")
        memory = Memory(server.pid, every).start()
        try:
            print(f"{root}: {url}, TTL {ttl} s", flush=True)
            asyncio.run(visitors(url, 0, 0, 0, memory, work))  # the warm-up visit
            baseline = settle(memory, ttl + settle_seconds)
            print(f"baseline {baseline:,} MB; {visitors_} visitors for {minutes:g} min",
                  flush=True)
            visits = asyncio.run(visitors(url, visitors_, minutes * 60, upload_mb, memory,
                                          work))
            peak = max(mb for _, mb, _ in memory.samples)
            after = settle(memory, ttl + settle_seconds)
        finally:
            memory.stop()
            server.terminate()
            server.wait(timeout=30)
    figures = {"baseline_mb": baseline, "peak_mb": peak, "after_mb": after,
               "ratio": round(after / baseline, 2), "visits": visits}
    print(" ".join(f"{k}={v}" for k, v in figures.items()), flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--visitors", type=int, default=10)
    parser.add_argument("--minutes", type=float, default=4)
    parser.add_argument("--ttl", type=int, default=30,
                        help="server.disconnectedSessionTTL, seconds (Streamlit's: 120)")
    parser.add_argument("--upload-mb", type=float, default=1.0)
    parser.add_argument("--every", type=float, default=10, help="seconds between samples")
    parser.add_argument("--settle", type=float, default=20,
                        help="seconds after the TTL before the level is read")
    args = parser.parse_args()
    figures = run(args.root.resolve(), args.visitors, args.minutes, args.ttl, args.upload_mb,
                  args.every, args.settle)
    return 0 if figures["ratio"] <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
