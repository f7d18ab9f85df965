"""The client's IP address for rate limits, read from the trusted proxy chain only (docs/decisions/0124).

`X-Forwarded-For` is believed only as far as it was written by our own proxies: a hop counts as a proxy only if
its address is in TRUSTED_PROXIES (networks, from the environment). The chain is the header's addresses followed
by the socket address; walking it from the right, each trusted proxy hands over to the address before it, at most
TRUSTED_PROXY_COUNT times, and the first address that is not a trusted proxy is the client.

So a client that reaches the app directly (the socket address is theirs, not a proxy's) is that address, whatever
`X-Forwarded-For` it sends: rotating the header does not give it fresh rate-limit buckets. Deployment shapes are in
docs/accounts.md ("Client addresses behind a proxy").
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import PermissionDenied


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _address(value: str):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:51234
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def trusted_proxies() -> tuple:
    spec = getattr(settings, "TRUSTED_PROXIES", ())
    if isinstance(spec, str):
        spec = spec.split(",")
    return _networks(tuple(spec))


def is_trusted_proxy(address) -> bool:
    return address is not None and any(address in network for network in trusted_proxies())


def client_ip(request) -> str:
    """The client's address as a string ("" only if the socket address itself is missing or malformed)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0 or not is_trusted_proxy(remote):
        return str(remote) if remote is not None else ""
    forwarded = [_address(part) for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote]
    position = len(chain) - 1  # the socket address: a trusted proxy
    for _hop in range(count):
        if position == 0 or not is_trusted_proxy(chain[position]):
            break
        position -= 1
        if chain[position] is None:  # a malformed entry written by someone we do not trust: stop at our proxy
            return str(chain[position + 1])
    return str(chain[position])


def request_ip(request) -> str:
    """The client address, for every caller (audit, rate limits, anti-spam): asked through allauth's public adapter
    API, `get_adapter().get_client_ip(request)`, which `lms.adapters.AccountAdapter` answers with `client_ip` above.
    So allauth's own limits and ours count the same address. "" when the socket address is missing or malformed."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return ""
