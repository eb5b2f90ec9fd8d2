"""Every URL the project serves, read from the URLconf itself.

Each pattern is found by walking ``get_resolver()`` through every ``include()``,
whatever kind of pattern each level is (``path()`` routes with converters such
as ``<reference:…>`` or ``<uuid:…>``, or ``re_path()`` regexes): a URL's
keyword arguments are the named groups of its patterns' compiled regexes, which
both kinds have.
"""

from dataclasses import dataclass

from django.urls import URLResolver, get_resolver


@dataclass(frozen=True)
class Url:
    name: str  # "namespace:name", or "" for an unnamed pattern
    route: str  # the patterns' text, joined, for messages
    kwargs: tuple  # keyword argument names, outermost first

    @property
    def literal_prefix(self):
        """The start of the route up to its first variable part ("staff/programmes/")."""
        return self.route.split("(", 1)[0].split("<", 1)[0]


def _text(pattern):
    return str(pattern).removeprefix("^").removesuffix("$")


def _names(pattern):
    return tuple(pattern.regex.groupindex)


def walk(patterns=None, *, route="", namespace="", kwargs=()):
    """Yield a ``Url`` for every view pattern below ``patterns`` (default: the root)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        here = route + _text(entry.pattern)
        names = kwargs + _names(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, route=here, namespace=inner, kwargs=names)
        else:
            name = ""
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Url(name=name, route=here, kwargs=names)
