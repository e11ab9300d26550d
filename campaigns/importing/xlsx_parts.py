"""The parts of an XLSX package, read with expat as a stream of events (read.py reads the
worksheet the same way): a part's relationships, the first element of a part, and which
cell styles show a date. No part is held whole, and a part that declares a document
type is refused, so no entity is ever expanded."""

import posixpath
import pyexpat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format


def parse(archive, budget, name, handler):
    """Feed one part of the workbook to `handler` a piece at a time, pausing after each
    piece so that the caller can take what the handler has finished."""
    parser = pyexpat.ParserCreate(namespace_separator=" ")
    # No document type, hence no entities to expand (what defusedxml forbids too).
    parser.StartDoctypeDeclHandler = _refuse_document_type
    parser.EntityDeclHandler = _refuse_document_type
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.characters
    with archive.open(name) as part:
        while piece := part.read(64 * 1024):
            budget.spend(len(piece))
            parser.Parse(piece, False)
            yield
    parser.Parse(b"", True)


def _refuse_document_type(*args):
    raise ValueError("a workbook part declares a document type")


def local_name(name):
    """An element's or attribute's name without its namespace."""
    return name[name.rfind(" ") + 1 :]


def first_element(archive, budget, name, element):
    """The attributes of the first `element` in a part, reading no further than it."""
    handler = _Find(element)
    for _ in parse(archive, budget, name, handler):
        if handler.found is not None:
            break
    return handler.found


def relationships(archive, budget, source, wanted):
    """{id or type: archive name} of the relationships of part `source` ("" for the package)
    whose id, or last word of type, is in `wanted`."""
    folder, name = posixpath.split(source)
    handler = Relationships(wanted)
    for _ in parse(archive, budget, posixpath.join(folder, "_rels", f"{name}.rels"), handler):
        pass
    return {key: _resolve(folder, target) for key, target in handler.found.items()}


def _resolve(folder, target):
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


class Handler:
    def start(self, name, attrs):
        pass

    def end(self, name):
        pass

    def characters(self, data):
        pass


class _Find(Handler):
    def __init__(self, element):
        self.element, self.found = element, None

    def start(self, name, attrs):
        if self.found is None and local_name(name) == self.element:
            self.found = attrs


class Relationships(Handler):
    def __init__(self, wanted):
        self.wanted, self.found = wanted, {}

    def start(self, name, attrs):
        if local_name(name) == "Relationship":
            for key in (attrs.get("Id"), attrs.get("Type", "").rsplit("/", 1)[-1]):
                if key in self.wanted:
                    self.found.setdefault(key, attrs.get("Target", ""))


class Styles(Handler):
    """Which cell styles show a date: all a reader needs of the styles. Excel itself keeps
    at most 64,000 styles and a few hundred number formats; any more are ignored."""

    def __init__(self):
        self.formats = {str(number): code for number, code in BUILTIN_FORMATS.items()}
        self.dates, self.count, self.in_cell_styles = set(), 0, False

    def start(self, name, attrs):
        local = local_name(name)
        if local == "numFmt" and len(self.formats) < 1000:
            self.formats[attrs.get("numFmtId")] = attrs.get("formatCode", "")[:255]
        elif local == "cellXfs":
            self.in_cell_styles = True
        elif local == "xf" and self.in_cell_styles and self.count < 64_000:
            if is_date_format(self.formats.get(attrs.get("numFmtId", "0"))):
                self.dates.add(str(self.count))
            self.count += 1

    def end(self, name):
        if local_name(name) == "cellXfs":
            self.in_cell_styles = False
