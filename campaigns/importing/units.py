"""Import organisation units from a CSV or XLSX file: code,name_zh,name_en,kind,parent_code,
and optionally a sixth column, population (residents served; blank if unknown).

Idempotent: a unit that exists is updated in place (names, kind, and its parent if
that changed); parents may appear later in the file than their children. All or
nothing: a file with any bad row writes nothing and its problems are reported. The file
is read within the limits every import shares (see read.py).
"""

from dataclasses import dataclass, field

from django.db import transaction

from campaigns.models import OrgUnit, UnitKind

from .check import parse_figure
from .problems import Problems
from .read import Unreadable, cell_text, read_rows

COLUMNS = ["code", "name_zh", "name_en", "kind", "parent_code"]
POPULATION_LIMIT = 2**31 - 1  # what the column holds
OPTIONAL = ["population"]  # a five-column file leaves every unit's population as it was


class UnitImportError(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Result:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


def read_units(table, problems):
    """({column: text}, row number) for each row of the table, once the header is right."""
    _number, header = next(table)
    names = [cell_text(name) for name in header]
    given = sorted(name for name in names if name)
    if given not in (sorted(COLUMNS), sorted(COLUMNS + OPTIONAL)):
        problems.add(
            0,
            "",
            f"The header must be exactly: {','.join(COLUMNS)}, optionally followed by {','.join(OPTIONAL)} "
            f"(found: {','.join(names)})",
        )
        return []
    wanted = [name for name in COLUMNS + OPTIONAL if name in given]
    rows = []
    for number, cells in table:
        values = dict(zip(names, map(cell_text, cells), strict=False))
        rows.append(({name: values.get(name, "") for name in wanted}, number))
    return rows


def _error(problems):
    lines = [str(problem) for problem in problems.shown]
    return UnitImportError([*lines, problems.and_more()] if problems.unshown else lines)


@transaction.atomic
def import_units(data: bytes, filename: str = ""):
    problems = Problems()
    try:
        rows = read_units(read_rows(data, filename), problems)
    except Unreadable as problem:
        problems.add(problem.row, problem.column, str(problem))
    if problems:
        raise _error(problems)
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    existing = {unit.code: unit for unit in OrgUnit.objects.all()}
    by_code = {}
    for row, number in rows:
        code = row["code"]
        if not code:
            problems.add(number, "code", "code is empty")
            continue
        if code in by_code:
            problems.add(number, "code", f"code {code!r} appears twice (first on row {by_code[code][1]})")
            continue
        if not _valid_code(code):
            problems.add(number, "code", f"code {code!r} may only use letters, digits, - and _")
        if not row["name_zh"]:
            problems.add(number, "name_zh", "name_zh is empty")
        if row["kind"] not in kinds:
            problems.add(number, "kind", f"unknown kind {row['kind']!r}")
        if "population" in row:
            try:
                row["population"] = _population(row["population"])
            except Unreadable as problem:
                problems.add(number, "population", str(problem))
        by_code[code] = (row, number)
    for code, (row, number) in by_code.items():
        parent = row["parent_code"]
        if parent and parent not in by_code and parent not in existing:
            problems.add(number, "parent_code", f"parent {parent!r} is neither in the file nor in the database")
        if parent == code:
            problems.add(number, "parent_code", "a unit cannot be its own parent")
    for number, message in _cycles(by_code, existing):
        problems.add(number, "parent_code", message)
    if problems:
        raise _error(problems)

    result = Result()
    for code in _parents_first(by_code, existing):
        row, _number = by_code[code]
        _place(row, kinds[row["kind"]], existing, result)
    return result


def _population(text):
    """A whole number of residents, or None for a blank cell (unknown)."""
    value = parse_figure(text)
    if value == 0:
        raise Unreadable("a population of 0 cannot be right; leave the cell blank if it is unknown")
    if value is not None and value > POPULATION_LIMIT:
        raise Unreadable(f"{value} is too large to be a population")
    return value


def _valid_code(code):
    return all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in code) and len(code) <= 40


def _parent_of(code, by_code, existing):
    if code in by_code:
        return by_code[code][0]["parent_code"] or None
    unit = existing.get(code)
    parent = OrgUnit.objects.get_parent(unit) if unit else None
    return parent.code if parent else None


def _cycles(by_code, existing):
    for code, (_row, number) in by_code.items():
        seen, current = {code}, _parent_of(code, by_code, existing)
        while current:
            if current in seen:
                yield number, f"unit {code!r} would sit under itself"
                break
            seen.add(current)
            current = _parent_of(current, by_code, existing)


def _parents_first(by_code, existing):
    ordered, placed = [], set()

    def visit(code):
        if code in placed or code not in by_code:
            return
        parent = by_code[code][0]["parent_code"]
        if parent:
            visit(parent)
        placed.add(code)
        ordered.append(code)

    for code in by_code:
        visit(code)
    return ordered


def _place(row, kind, existing, result):
    code, parent_code = row["code"], row["parent_code"]
    parent = existing.get(parent_code) if parent_code else None
    if parent is not None:
        parent.refresh_from_db()  # paths move when siblings are added
    unit = existing.get(code)
    fields = {"name_zh": row["name_zh"], "name_en": row["name_en"], "kind": kind}
    if "population" in row:
        fields["population"] = row["population"]
    if unit is None:
        if parent is None:
            unit = OrgUnit.objects.add_root(create_kwargs={"code": code, **fields})
        else:
            unit = OrgUnit.objects.add_child(parent, create_kwargs={"code": code, **fields})
        existing[code] = unit
        result.created.append(code)
        return
    unit.refresh_from_db()
    current_parent = OrgUnit.objects.get_parent(unit, update=True)
    changed = [name for name, value in fields.items() if getattr(unit, name) != value]
    for name in changed:
        setattr(unit, name, fields[name])
    if changed:
        unit.save(update_fields=changed)
    moved = (current_parent.code if current_parent else None) != (parent_code or None)
    if moved:
        if parent is None:
            first_root = OrgUnit.objects.get_first_root_node()
            OrgUnit.objects.move(unit, first_root, "last-sibling")
        else:
            OrgUnit.objects.move(unit, parent, "last-child")
    if changed or moved:
        result.updated.append(code)
    else:
        result.unchanged.append(code)
