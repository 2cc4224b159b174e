"""The ingest on a Dask cluster as a real one is started: a ``dask scheduler`` and two
``dask worker`` processes of their own, on localhost. It writes the same dataset as the
local cluster the command starts by default."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from dask.distributed import Client

from gazetteer.cli import main
from gazetteer.corpus import ingest
from gazetteer.dataset import Dataset
from gazetteer.tables import TABLES

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
DASK = str(Path(sys.executable).with_name("dask"))


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory) -> Iterator[str]:
    """The address of a scheduler with two workers, each a process of its own."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("cluster")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the workers import gazetteer
    commands = [[DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                 "--no-dashboard"]] + [
        [DASK, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
         "--host", "127.0.0.1", "--name", f"worker-{n}"] for n in (1, 2)]
    processes = []
    try:
        for n, command in enumerate(commands):
            log = (logs / f"{n}.log").open("w")
            processes.append(subprocess.Popen(command, cwd=logs, env=env, stdout=log,
                                              stderr=subprocess.STDOUT))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)


def tables(folder: Path) -> dict[str, pd.DataFrame]:
    dataset = Dataset(folder)
    return {name: dataset.table(name).sort_values(
        ["doc_id", "start"] if name == "mentions" else ["doc_id"], ignore_index=True)
        for name in TABLES} | {"report": dataset.report()}


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The seeds and a jsonl file: six small files, each a part of its own (a worker
    takes at least four parts where there are the files): six tasks."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "feed.jsonl").write_text('{"id": "n1", "text": "قصف في حمرين"}\n')
    return folder


def test_a_cluster_by_address_writes_the_dataset_of_the_local_default(
        scheduler, corpus, tmp_path):
    on_cluster = ingest(corpus, tmp_path / "cluster", scheduler=scheduler)
    local = ingest(corpus, tmp_path / "local")
    assert on_cluster.report == local.report and on_cluster.extracted == 6
    expected = tables(tmp_path / "local")
    for name, table in tables(tmp_path / "cluster").items():
        pd.testing.assert_frame_equal(table, expected[name])
    assert len(list((tmp_path / "cluster" / "mentions").glob("*.parquet"))) == 6
    with Client(scheduler) as client:
        ran = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes))
        workers = client.run(os.getpid)
    assert "extract_part" in ran and len(set(workers.values())) == 2


def test_the_command_takes_the_scheduler_from_the_environment(
        scheduler, corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", scheduler)
    assert main(["ingest", str(corpus), "-o", str(tmp_path / "env")]) == 0
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS")
    assert main(["ingest", str(corpus), "-o", str(tmp_path / "option"),
                 "--scheduler", scheduler]) == 0
    assert "6 documents tabulated" in capsys.readouterr().err
    expected = tables(tmp_path / "env")
    for name, table in tables(tmp_path / "option").items():
        pd.testing.assert_frame_equal(table, expected[name])
