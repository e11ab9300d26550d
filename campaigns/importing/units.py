"""Import organisation units from CSV: code,name_zh,name_en,kind,parent_code, and
optionally a sixth column, population (residents served; blank if unknown).

Idempotent: a unit that exists is updated in place (names, kind, and its parent if
that changed); parents may appear later in the file than their children. All or
nothing: a file with any bad row writes nothing and every problem is reported.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from campaigns.models import OrgUnit, UnitKind

from .check import _parse_figure
from .read import Unreadable, decode

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


def read_rows(text):
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    if set(header) not in (set(COLUMNS), set(COLUMNS + OPTIONAL)):
        raise UnitImportError(
            [
                f"The header must be exactly: {','.join(COLUMNS)}, optionally followed by "
                f"{','.join(OPTIONAL)} (found: {','.join(header)})"
            ]
        )
    return [
        ({key.strip(): (value or "").strip() for key, value in row.items() if key}, number)
        for number, row in enumerate(reader, start=2)
    ]


@transaction.atomic
def import_units(data: bytes):
    try:
        text = decode(data)
    except Unreadable as problem:
        raise UnitImportError([str(problem)]) from None
    rows = read_rows(text)
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    existing = {unit.code: unit for unit in OrgUnit.objects.all()}
    problems, by_code = [], {}
    for row, number in rows:
        code = row["code"]
        if not code:
            problems.append(f"row {number}: code is empty")
            continue
        if code in by_code:
            problems.append(f"row {number}: code {code!r} appears twice (first on row {by_code[code][1]})")
            continue
        if not _valid_code(code):
            problems.append(f"row {number}: code {code!r} may only use letters, digits, - and _")
        if not row["name_zh"]:
            problems.append(f"row {number}: name_zh is empty")
        if row["kind"] not in kinds:
            problems.append(f"row {number}: unknown kind {row['kind']!r}")
        if "population" in row:
            try:
                row["population"] = _population(row["population"])
            except Unreadable as problem:
                problems.append(f"row {number}, population: {problem}")
        by_code[code] = (row, number)
    for code, (row, number) in by_code.items():
        parent = row["parent_code"]
        if parent and parent not in by_code and parent not in existing:
            problems.append(f"row {number}: parent {parent!r} is neither in the file nor in the database")
        if parent == code:
            problems.append(f"row {number}: a unit cannot be its own parent")
    problems.extend(_cycles(by_code, existing))
    if problems:
        raise UnitImportError(problems)

    result = Result()
    for code in _parents_first(by_code, existing):
        row, _number = by_code[code]
        _place(row, kinds[row["kind"]], existing, result)
    return result


def _population(text):
    """A whole number of residents, or None for a blank cell (unknown)."""
    value = _parse_figure(text)
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
                yield f"row {number}: unit {code!r} would sit under itself"
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
