"""Habits the codebase keeps: language knowledge in data files, a quiet import."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _string_literals(tree: ast.AST):
    """Every string constant of a module except docstrings (examples may be Arabic)."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings):
            yield node


def test_no_arabic_string_literals_in_library_code():
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "gazetteer").rglob("*.py"))
        for node in _string_literals(ast.parse(path.read_text(encoding="utf-8")))
        if ARABIC.search(node.value)
    ]
    assert offenders == []


def test_import_is_quiet_and_loads_no_data():
    code = (
        "import sys, logging, gazetteer; "
        "assert 'gazetteer.index' not in sys.modules; "
        "assert not logging.getLogger().handlers; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr
    assert out.stderr == ""


def test_library_imports_no_streamlit():
    for path in (ROOT / "gazetteer").rglob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path


def test_public_names_stay_what_they_are_after_every_module_is_imported():
    import importlib
    import pkgutil

    import gazetteer

    for module in pkgutil.walk_packages(gazetteer.__path__, "gazetteer."):
        if module.name != "gazetteer.__main__":
            importlib.import_module(module.name)
    assert callable(gazetteer.ingest) and not isinstance(gazetteer.ingest, type(gazetteer))
    for name in gazetteer.__all__:
        assert not isinstance(getattr(gazetteer, name), type(gazetteer)), name
