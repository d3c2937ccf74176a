"""How long the ideas are to read, and how much of the maths is argument checking (issue 23).

    .venv/bin/python tools/code_lengths.py [--root PATH]

Prints, for the functions the issue names, the read length: code lines of the body, without
the docstring, blank lines and comment-only lines (the `@checked(...)` door sits above the
`def`, so it is not part of the body). The backward pass is `FeedForwardNetwork.backward` plus
every function or method of ffn.py it calls, directly or through others, each counted once.

Then, over the function bodies of the maths modules (neurons, perceptron, toy, gd, uat, ffn;
methods and rule functions included), the share of executable lines that are `raise`
statements or `if ...: raise` blocks (the `if` line and its raise), against the issue's 15%.

--root: the checkout to measure (default: this one), e.g. a copy of main for the "before".
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

MODULES = ("neurons", "perceptron", "toy", "gd", "uat", "ffn")
#: (module, qualified name, the issue's limit)
READ = [
    ("neurons", "sigmoid", 6),
    ("perceptron", "train_perceptron", 30),
    ("toy", "error", 8),
    ("toy", "gradient", 8),
    ("gd", "gradient_descent", 20),
    ("uat", "tower", 6),
    ("ffn", "FeedForwardNetwork.forward", 10),
]
BACKWARD_LIMIT = 60
SHARE_LIMIT = 0.15


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    """Every function and method by qualified name ("f", "Class.method")."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = item
    return found


def _body_lines(fn: ast.FunctionDef, source: list[str]) -> set[int]:
    """Line numbers of the body's code: no docstring, blank or comment-only lines."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    lines = set()
    for stmt in body:
        for n in range(stmt.lineno, stmt.end_lineno + 1):
            text = source[n - 1].strip()
            if text and not text.startswith("#"):
                lines.add(n)
    return lines


def _raise_lines(fn: ast.FunctionDef, code: set[int]) -> set[int]:
    """Lines of raise statements and of the `if` tests whose branch only raises."""
    lines = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Raise):
            lines.update(range(node.lineno, node.end_lineno + 1))
        elif isinstance(node, ast.If) and all(isinstance(s, ast.Raise) for s in node.body):
            lines.update(range(node.lineno, node.test.end_lineno + 1))
    return lines & code


def _doors(tree: ast.Module) -> list[ast.AST]:
    """The @checked(...) / @door(...) decorators, and module-level constants made with
    rule(...)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            found += [d for d in node.decorator_list if _is_door(d)]
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Call):
            if getattr(node.value.func, "id", "") == "rule":
                found.append(node)
    return found


def _is_door(decorator: ast.AST) -> bool:
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return getattr(call, "id", getattr(call, "attr", "")) in ("checked", "checked_once", "door")


def _code_lines(path: Path) -> int:
    """Lines of a whole module that are neither blank, comments nor docstrings."""
    text = path.read_text()
    source, tree = text.splitlines(), ast.parse(text)
    docs = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                docs.update(range(body[0].lineno, body[0].end_lineno + 1))
    return sum(
        1
        for n, line in enumerate(source, 1)
        if line.strip() and not line.strip().startswith("#") and n not in docs
    )


def _calls(fn: ast.FunctionDef, names: set[str], owner: str) -> set[str]:
    """The module's own functions and owner's methods that fn calls (also passed as values)."""
    out = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "self" and f"{owner}.{node.attr}" in names:
                out.add(f"{owner}.{node.attr}")
        elif isinstance(node, ast.Name) and node.id in names:
            out.add(node.id)
    return out


def measure(root: Path) -> None:
    parsed = {}
    for module in MODULES:
        path = root / "dlnotes" / f"{module}.py"
        text = path.read_text()
        parsed[module] = (ast.parse(text), text.splitlines())

    print(f"read lengths in {root}")
    ffn_path = root / "dlnotes" / "ffn.py"
    total = len(ffn_path.read_text().splitlines())
    print(f"  ffn.py: {total} lines, {_code_lines(ffn_path)} of code (no docstrings, comments)")
    for module, name, limit in READ:
        tree, source = parsed[module]
        fn = _functions(tree).get(name)
        n = "missing" if fn is None else len(_body_lines(fn, source))
        met = "" if fn is None else ("yes" if n <= limit else "NO")
        print(f"  {module + '.' + name:44s}{n!s:>8} lines   limit {limit:3d}  {met}")

    tree, source = parsed["ffn"]
    functions = _functions(tree)
    todo, seen = ["FeedForwardNetwork.backward"], set()
    while todo:
        name = todo.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        owner = name.split(".")[0] if "." in name else ""
        todo.extend(_calls(functions[name], set(functions), owner))
    total = sum(len(_body_lines(functions[n], source)) for n in seen)
    met = "yes" if total <= BACKWARD_LIMIT else "NO"
    label = f"ffn backward pass ({len(seen)} functions)"
    print(f"  {label:44s}{total:>8} lines   limit {BACKWARD_LIMIT:3d}  {met}")
    print(f"    {', '.join(sorted(seen))}")

    print("share of raise / if-raise lines in function bodies; door: the lines of the @checked")
    print("decorators and module-level rules above the functions (checks, outside the bodies)")
    all_code = all_raise = 0
    for module in MODULES:
        tree, source = parsed[module]
        code, raising = set(), set()
        door = sum(d.end_lineno - d.lineno + 1 for d in _doors(tree))
        for fn in _functions(tree).values():
            lines = _body_lines(fn, source)
            code |= lines
            raising |= _raise_lines(fn, lines)
        all_code += len(code)
        all_raise += len(raising)
        share = len(raising) / len(code)
        print(
            f"  {module:12s}{len(raising):5d} of {len(code):5d} lines  {share:6.1%}  door{door:5d}"
        )
    for private in sorted((root / "dlnotes").glob("_*_checks.py")):
        print(f"  {private.name}: {_code_lines(private)} code lines of rules (a private module)")
    share = all_raise / all_code
    met = "yes" if share <= SHARE_LIMIT else "NO"
    print(f"  {'all':12s}{all_raise:5d} of {all_code:5d} lines  {share:6.1%}   limit 15%  {met}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    measure(parser.parse_args().root)
