"""What the library writes (a dataset, the online fallback's answers) is its user's only,
and a folder that is someone else's or anyone's is refused before anything is written."""

from __future__ import annotations

import os
import stat

import pytest

import gazetteer
from gazetteer.cli import USAGE_ERROR, main
from gazetteer.online import NominatimFallback
from gazetteer.private import NotPrivate, private_folder
from tests.conftest import SEEDS

SEED = sorted(SEEDS.glob("*.txt"))[0]


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_dataset_is_its_users_only(tmp_path):
    out = tmp_path / "new" / "dataset"
    gazetteer.ingest([SEED], out, workers=1)
    assert mode(out) == 0o700
    assert {mode(p) for p in out.rglob("*") if p.is_dir()} == {0o700}
    assert {mode(p) for p in out.rglob("*") if p.is_file()} == {0o600}


@pytest.fixture
def theirs(tmp_path):
    """A folder another user owns: made and given away when the tests run as root, else
    the file system's root, which is root's."""
    if os.geteuid() != 0:
        return "/"
    folder = tmp_path / "theirs"
    folder.mkdir()
    os.chown(folder, 65534, 65534)
    return folder


def test_a_folder_anyone_may_write_in_or_another_owns_is_refused(tmp_path, theirs):
    anyones = tmp_path / "anyone"
    anyones.mkdir()
    anyones.chmod(0o777)
    with pytest.raises(NotPrivate, match=f"{anyones} may be written by anyone: give a "
                                         f"folder of your own, or close it"):
        private_folder(anyones)
    with pytest.raises(NotPrivate, match="belongs to another user"):
        private_folder(theirs)


def test_the_command_refuses_them_before_writing(tmp_path, capsys):
    anyones = tmp_path / "anyone"
    anyones.mkdir()
    anyones.chmod(0o777)
    assert main(["ingest", str(SEED), "-o", str(anyones), "-j", "1"]) == USAGE_ERROR
    assert f"{anyones} may be written by anyone" in capsys.readouterr().err
    assert list(anyones.iterdir()) == []
    cache = anyones / "answers.json"
    assert main(["extract", "--online", str(cache), str(SEED)]) == USAGE_ERROR
    assert not cache.exists()


def test_the_online_answers_are_kept_for_their_user_only(tmp_path):
    cache = tmp_path / "answers" / "nominatim.json"
    fallback = NominatimFallback(cache, geocode=lambda name, **_: None)
    assert fallback.locate("قرية الكنعوص") is None
    assert mode(cache.parent) == 0o700 and mode(cache) == 0o600
