"""Every route of the project, with sample values filled in, for tests that must cover "all of them"."""

import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

SAMPLE_BY_CONVERTER = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": str(uuid.UUID(int=1)),
}
REGEX_CANDIDATES = ["1", "x", "live", "1-x", "MQ/set-password", "1/x", ""]
_CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\((?:\?P<\w+>|\?:)?(?:[^()]|\([^()]*\))*\)[*+?]?")


def _sample_route(route: str) -> str:
    return _CONVERTER.sub(lambda m: SAMPLE_BY_CONVERTER.get(m.group("conv") or "str", "x"), route)


def _sample_regex(regex: str) -> str | None:
    """A concrete path segment that `regex` matches, or None if the candidates do not fit."""
    body = regex.lstrip("^").rstrip("$")
    groups = _GROUP.findall(body)
    skeleton = _GROUP.sub("\0", body)
    skeleton = skeleton.replace("\\.", ".").replace("/?", "/").replace(".*", "x").replace("\\", "")
    for candidate in REGEX_CANDIDATES:
        sample = skeleton.replace("\0", candidate)
        if len(groups) == skeleton.count("\0") and re.fullmatch(body, sample):
            return sample
    return None


def _walk(patterns, prefix=""):
    for pattern in patterns:
        raw = str(pattern.pattern)
        segment = _sample_regex(raw) if isinstance(pattern.pattern, RegexPattern) else _sample_route(raw)
        if segment is None:
            yield None, raw
            continue
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + segment)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + segment, raw


def all_route_samples() -> tuple[list[str], list[str]]:
    urls, unresolved = [], []
    for url, raw in _walk(get_resolver().url_patterns):
        if url is None:
            unresolved.append(raw)
        else:
            urls.append(url)
    return sorted(set(urls)), unresolved
