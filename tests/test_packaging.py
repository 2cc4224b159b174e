"""The package: its locks agree with pyproject.toml, the tests run on the lock, and the
wheel installs and runs outside the checkout.

The wheel is installed in a fresh virtual environment in a temporary folder. Its
dependencies are this environment's (scripts/test.sh installed them from the lock), seen
through a .pth file, so nothing is downloaded: pip installs the wheel alone, then
``pip check`` confirms that what the wheel requires is there.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import sysconfig
import tomllib
import urllib.request
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from playwright.sync_api import expect

from gazetteer.cli import LOOKUP_COLUMNS
from gazetteer.cli import main as gazetteer_main
from tests.conftest import SEEDS
from tests.test_browser import (  # noqa: F401 (browser: the Chromium fixture)
    BASEMAP_DRAWN,
    MAP_TIPS,
    _wait_until_healthy,
    browser,
    on_map,
    visitor,
)

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME_LOCK, DEV_LOCK = ROOT / "requirements.txt", ROOT / "requirements-dev.txt"
SEED = sorted(SEEDS.glob("*.txt"))[0]
# What the wheel must hold besides the library's modules: the data, the app, its static
# files and settings, the seeds it opens on.
SHIPPED = ["gazetteer/data/places.tsv", "gazetteer/data/geometries.geojson",
           "gazetteer/data/ATTRIBUTION.md", "iraqmap_app/dashboard/app.py",
           "iraqmap_app/dashboard/static/leaflet/leaflet.js",
           "iraqmap_app/dashboard/static/basemap.json",
           "iraqmap_app/dashboard/.streamlit/config.toml", f"iraqmap_app/seeds/{SEED.name}"]


def locked(lock: Path) -> dict[str, list[Requirement]]:
    """The pins of a lock by package name (one per marker, as uv writes them)."""
    pins: dict[str, list[Requirement]] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pin = Requirement(line)
            pins.setdefault(canonicalize_name(pin.name), []).append(pin)
    return pins


def declared(*extras: str) -> list[Requirement]:
    """The dependencies pyproject.toml declares, and those of ``extras``."""
    return [Requirement(r) for r in PROJECT["dependencies"]] + [
        r for extra in extras for r in optional(extra)]


def optional(extra: str) -> list[Requirement]:
    """The dependencies of an extra, with those of the project's own extras it names."""
    wanted = []
    for r in map(Requirement, PROJECT["optional-dependencies"][extra]):
        own = canonicalize_name(r.name) == canonicalize_name(PROJECT["name"])
        wanted += [x for e in r.extras for x in optional(e)] if own else [r]
    return wanted


@pytest.mark.parametrize(("lock", "extras"), [(RUNTIME_LOCK, ()), (DEV_LOCK, ("build", "test"))],
                         ids=["requirements.txt", "requirements-dev.txt"])
def test_a_lock_pins_every_declared_dependency_within_its_range(lock, extras):
    pins = locked(lock)
    assert declared(*extras), "pyproject.toml declares dependencies"
    for wanted in declared(*extras):
        name = canonicalize_name(wanted.name)
        assert name in pins, f"{name} is not in {lock.name}: run bash scripts/lock.sh"
        for pin in pins[name]:
            assert re.fullmatch(r"==[^,*]+", str(pin.specifier)), (
                f"{lock.name} has {pin}, not one exact version: declare ranges in "
                "pyproject.toml and run bash scripts/lock.sh")
            assert wanted.specifier.contains(str(pin.specifier)[2:], prereleases=True), (
                f"{lock.name} has {pin}, outside {wanted}: run bash scripts/lock.sh")


def test_the_dev_lock_holds_the_versions_of_the_runtime_lock():
    dev = locked(DEV_LOCK)
    for name, pins in locked(RUNTIME_LOCK).items():
        assert sorted(map(str, dev.get(name, []))) == sorted(map(str, pins)), name


def test_the_tests_run_on_the_locked_versions():
    for name, pins in locked(DEV_LOCK).items():
        for pin in pins:
            if pin.marker is None or pin.marker.evaluate():
                installed, exact = metadata.version(name), str(pin.specifier)[2:]
                assert installed == exact, (
                    f"{name} {installed} installed, {exact} locked: run bash scripts/test.sh")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from this checkout's files."""
    dist = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--wheel-dir", dist, ROOT)
    [built] = dist.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A fresh virtual environment outside the checkout with the wheel installed; returns
    its scripts folder."""
    home = tmp_path_factory.mktemp("venv")
    assert not home.is_relative_to(ROOT)
    _run(sys.executable, "-m", "venv", "--without-pip", home)
    python = home / "bin" / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"))
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(ours)))
    _run(python, "-m", "pip", "install", "--no-deps", "--no-index", wheel)
    _run(python, "-m", "pip", "check")
    return home / "bin"


def _run(*command, **options) -> str:
    """Run ``command`` outside the checkout; its stdout, once it succeeded."""
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True,
                          cwd=options.pop("cwd", Path(os.sep)), env=_outside(), **options)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _outside() -> dict[str, str]:
    """This environment's variables, less what would reach into the checkout or choose
    another corpus."""
    drop = {"PYTHONPATH", "IRAQMAP_CORPUS", "IRAQMAP_DATASET",
            "IRAQMAP_PASSWORD"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def test_the_wheel_holds_the_data_the_app_and_the_seeds(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert set(SHIPPED) <= set(names)
    assert not [n for n in names if n.startswith(("dashboard/", "seeds/"))]  # no top level
    assert not [n for n in names if "secrets" in n or "__pycache__" in n]
    entry = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt")))
    assert "iraqmap = iraqmap_app.dashboard.cli:main" in entry.decode()


def test_a_wheel_builds_from_the_git_url(tmp_path):
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--wheel-dir", tmp_path, f"git+{ROOT.as_uri()}")
    [built] = tmp_path.glob("*.whl")
    assert set(SHIPPED) <= set(zipfile.ZipFile(built).namelist())


def test_the_installed_library_is_the_wheels(venv):
    where = _run(venv / "python", "-c", "import gazetteer; print(gazetteer.__file__)")
    assert Path(where).is_relative_to(venv.parent)


def test_installed_extract_prints_what_the_checkout_does(venv, capsys):
    printed = _run(venv / "iraqmap", "extract", SEED)
    assert gazetteer_main(["extract", str(SEED)]) == 0
    expected = capsys.readouterr().out.strip()
    [doc] = [json.loads(line) for line in printed.splitlines()]
    assert doc["doc"] == SEED.name and len(doc["mentions"]) > 5
    assert printed == expected


def test_installed_lookup_prints_a_table(venv):
    header, first, *_ = _run(venv / "iraqmap", "lookup", "كركوك").splitlines()
    assert header.split("\t") == list(LOOKUP_COLUMNS)
    assert first.split("\t")[:4] == ["ocha:IQG13", "governorate", "Kirkuk", "كركوك"]


@pytest.mark.browser
def test_installed_serve_shows_the_seeds_on_the_map(venv, browser, tmp_path):  # noqa: F811
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://localhost:{port}"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [venv / "iraqmap", "serve", "--port", str(port), "--address", "127.0.0.1"],
            cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
            env={**_outside(), "STREAMLIT_SERVER_HEADLESS": "true"})
        try:
            _wait_until_healthy(url, server)
            # The map's scripts come from the wheel: static serving is on, as configured.
            with urllib.request.urlopen(f"{url}/app/static/leaflet/leaflet.js") as answer:
                assert b"Leaflet" in answer.read(2000)
            with visitor(browser, url) as page:
                expect(page.get_by_text(re.compile(r"^seeds: 5 files"))).to_be_visible()
                tips = on_map(page, MAP_TIPS, ready=BASEMAP_DRAWN)
                assert "كركوك · Kirkuk (governorate) — 3 mentions" in tips
                assert page.outside == []
        finally:
            server.terminate()
            code = server.wait(timeout=30)
    assert code == 0, log.read_text()
    assert f"URL: http://127.0.0.1:{port}" in log.read_text()
