"""The command line, called as `main([...])`."""

import json

import pytest

from gazetteer.cli import main


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
