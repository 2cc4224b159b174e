"""The command line, called as `main([...])`."""

import json

import pytest

from gazetteer.cli import main
from tests.conftest import SEEDS


def test_lookup_lists_candidates_most_likely_first(capsys):
    assert main(["lookup", "كركوك"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:2] == ["ocha:IQG13", "governorate"]
    assert any("\tcity\t" in line and "Kirkuk" in line for line in lines)


def test_lookup_takes_any_spelling(capsys):
    main(["lookup", "اربيل"])
    spelled = capsys.readouterr().out
    main(["lookup", "Erbil"])
    assert capsys.readouterr().out.splitlines()[0] == spelled.splitlines()[0]


def test_lookup_of_an_unknown_name_says_so(capsys):
    assert main(["lookup", "لاشيءهنا"]) == 1
    assert "no place called" in capsys.readouterr().err


def test_extract_reports_a_rejected_file_and_goes_on(tmp_path, capsys):
    good = tmp_path / "a.txt"
    good.write_text("هجوم في وادي الشاي", encoding="cp1256")
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path)]) == 0
    out = capsys.readouterr()
    [doc] = [json.loads(line) for line in out.out.splitlines()]
    assert doc["doc"] == "a.txt"
    assert [m["name_en"] for m in doc["mentions"]] == ["Wadi al-Shay"]
    assert "b.txt" in out.err and "empty" in out.err


def test_extract_with_nothing_readable_fails(tmp_path, capsys):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    assert main(["extract", str(tmp_path / "x.pdf")]) == 1
    assert "unknown suffix" in capsys.readouterr().err


def test_a_missing_command_is_a_usage_error():
    with pytest.raises(SystemExit):
        main([])


def test_limits_from_the_command_line_turn_files_away_and_cut_text_saying_so(capsys):
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert main(["extract", *seeds, "--max-files", "2", "--max-text-chars", "300"]) == 0
    out = capsys.readouterr()
    docs = [json.loads(line) for line in out.out.splitlines()]
    assert len(docs) == 2
    assert all(m["end"] <= 300 for doc in docs for m in doc["mentions"])
    err = out.err.splitlines()
    assert sum("over the limit of 2 files per load" in line for line in err) == 3
    assert sum("text cut to its first" in line and "(the limit is 300)" in line
               for line in err) == 2
    assert err[-1] == "5 files: 2 loaded (2 documents), 3 rejected"


def test_a_limit_out_of_range_is_a_usage_error_naming_it(capsys):
    with pytest.raises(SystemExit):
        main(["extract", str(SEEDS), "--max-text-chars", "0"])
    assert "limit text_chars must be a positive whole number" in capsys.readouterr().err
