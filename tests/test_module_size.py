"""A module over 450 lines, or a function over 80, is a sign that a room holds two
features (STYLE.md): none outside the migrations, the tests included."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("campaigns", "scams", "fraudwatch", "tests")
MODULE_LINES = 450
FUNCTION_LINES = 80

ALLOWED_MODULES = set()
ALLOWED_FUNCTIONS = set()


def sources():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def sizes():
    modules, functions = {}, {}
    for name, text in sources():
        modules[name] = text.count("\n")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions[f"{name}:{node.name}"] = max(
                    functions.get(f"{name}:{node.name}", 0), node.end_lineno - node.lineno + 1
                )
    return modules, functions


def test_sources_are_found():
    names = [name for name, _text in sources()]
    assert "campaigns/reports/summary.py" in names
    assert not any("/migrations/" in name for name in names)


def test_no_module_is_over_450_lines():
    modules, _functions = sizes()
    over = {name: lines for name, lines in modules.items() if lines > MODULE_LINES}
    assert set(over) - ALLOWED_MODULES == set(), over


def test_no_function_is_over_80_lines():
    _modules, functions = sizes()
    over = {name: lines for name, lines in functions.items() if lines > FUNCTION_LINES}
    assert set(over) - ALLOWED_FUNCTIONS == set(), over
