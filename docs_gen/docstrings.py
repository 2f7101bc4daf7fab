"""A griffe extension, loaded by mkdocstrings, for the package's docstrings in the reference.

- module-level functions bound from the bundled registry (``check = _BUNDLED.check``)
  get the signature and the argument docs of the method they are;
- every enumeration lists its members (with their descriptions where they have them);
- doctest examples in the running text are shown as code, not as quotations, without
  their ``# doctest:`` directives;
- an attribute an ``__init__`` sets from its argument (``self.on = on``, or
  ``self.valid = tuple(valid)``) gets that argument's type in the Attributes table.
"""

from __future__ import annotations

import enum
import importlib
import re
from collections.abc import Iterable
from typing import Any

import griffe

from .markdown import escape, table


class Docstrings(griffe.Extension):
    """Make the package's docstrings read well in the API reference."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name != "aeo_mra":
            return
        for name in list(pkg.members):
            member = pkg.members[name]
            if member.is_alias:
                continue
            if member.is_attribute and str(getattr(member, "value", "")).startswith("_BUNDLED."):
                pkg.set_member(name, _bound_function(pkg, member))
        for obj in _walk(pkg):
            if obj.docstring is None:
                continue
            obj.docstring.value = _fence_doctests(obj.docstring.value)
            if obj.is_class:
                _type_attributes(obj)
                runtime = _runtime(obj)
                if isinstance(runtime, type) and issubclass(runtime, enum.Enum):
                    _list_members(obj, runtime)


def _walk(obj: griffe.Object) -> Iterable[griffe.Object]:
    yield obj
    for member in obj.members.values():
        if not isinstance(member, griffe.Alias) and member.name != "__init__":
            yield from _walk(member)


def _bound_function(pkg: griffe.Module, attribute: Any) -> griffe.Function:
    """A function with the signature of the registry method an attribute is bound to."""
    method = pkg[f"Registry.{str(attribute.value).split('.', 1)[1]}"]
    docstring = attribute.docstring
    text = docstring.value if docstring else ""
    # The method's argument and exception sections follow the attribute's own summary.
    method_text = method.docstring.value if method.docstring else ""
    sections = method_text.split("\n\n", 1)[1] if "\n\n" in method_text else ""
    function = griffe.Function(
        attribute.name,
        lineno=attribute.lineno,
        endlineno=attribute.endlineno,
        parameters=griffe.Parameters(*list(method.parameters)[1:]),
        returns=method.returns,
        parent=pkg,
    )
    function.docstring = griffe.Docstring(
        f"{text}\n\n{sections}".strip(),
        lineno=docstring.lineno if docstring else None,
        parent=function,
        parser=docstring.parser if docstring else None,
        parser_options=docstring.parser_options if docstring else None,
    )
    return function


def _runtime(obj: griffe.Object) -> object:
    """The Python object a griffe object stands for, or ``None``."""
    module = obj.module
    value: object = importlib.import_module(module.path)
    for part in obj.path.removeprefix(module.path).strip(".").split("."):
        value = getattr(value, part, None)
    return value


def _fence_doctests(text: str) -> str:
    """Put each unindented run of doctest lines (to the next blank line) in a code fence."""
    out: list[str] = []
    in_example = False
    for raw in text.splitlines():
        line = _DIRECTIVE.sub("", raw) if in_example or raw.startswith(">>>") else raw
        if not in_example and line.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


_DIRECTIVE = re.compile(r"\s*# doctest:.*$")
_TUPLE_OF = re.compile(r"(?:Sequence|Iterable)\[(.+)\]")


def _type_attributes(cls: griffe.Object) -> None:
    """Give the documented attributes set from ``__init__``'s arguments their types."""
    init = cls.members.get("__init__")
    if not isinstance(init, griffe.Function) or cls.docstring is None:
        return
    params = {p.name: p.annotation for p in init.parameters if p.annotation is not None}
    for section in cls.docstring.parsed:
        if section.kind is not griffe.DocstringSectionKind.attributes:
            continue
        for attribute in section.value:
            member = cls.members.get(attribute.name)
            if attribute.annotation is not None or member is None:
                continue
            value = str(getattr(member, "value", ""))
            if value in params:
                attribute.annotation = params[value]
            elif (found := re.fullmatch(r"tuple\((\w+)\)", value)) and found[1] in params:
                item = _TUPLE_OF.fullmatch(str(params[found[1]]))
                attribute.annotation = f"tuple[{item[1]}, ...]" if item else "tuple"


def _list_members(cls: griffe.Object, runtime: type[enum.Enum]) -> None:
    """Append a table of an enumeration's members to its docstring."""
    extra = [
        a for a in ("description", "name_zh") if isinstance(getattr(runtime, a, None), property)
    ]
    header = ["Member", "Value", *(a.replace("_", " ").capitalize() for a in extra)]
    rows = [
        [f"`{m.name}`", f"`{m.value!r}`", *(escape(getattr(m, a)) for a in extra)] for m in runtime
    ]
    assert cls.docstring is not None
    cls.docstring.value += "\n\n" + table(header, rows)
