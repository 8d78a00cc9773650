"""The simulated internet: how long a URL takes and what it answers.

The rules imitate the httpbin.org endpoints that asyncio tutorials use, so
programs copied from a tutorial behave as the tutorial describes:

* a path segment ``/delay/N`` makes the server take N seconds (N may be a
  decimal such as ``0.25``); any other URL takes 100 ms;
* ``/status/N`` makes the server answer with status N; otherwise 200;
* the body is always the JSON document ``{"url": "<url>"}``.

Both the aiohttp and the requests simulations use these functions, and the
engine may call them too, so the rules live in exactly one place.
"""

import http
import json
import math
import re
from fractions import Fraction
from urllib.parse import urlencode, urlsplit

__all__ = [
    "DEFAULT_LATENCY_NS",
    "latency_ns",
    "status",
    "reason",
    "body",
    "url_with_params",
    "timeout_ns",
]

DEFAULT_LATENCY_NS = 100_000_000  # 100 ms

_DELAY = re.compile(r"(?:^|/)delay/(\d+(?:\.\d*)?|\.\d+)(?=/|$)")
_STATUS = re.compile(r"(?:^|/)status/(\d+)(?=/|$)")


def _path(url):
    """The path part of ``url``; tolerant of scheme-less strings."""
    try:
        return urlsplit(str(url)).path
    except ValueError:
        return str(url)


def latency_ns(url):
    """Server time for ``url`` in nanoseconds.

    The number is parsed as an exact fraction so that ``/delay/0.1`` is
    exactly 100 000 000 ns; a float would give 100 000 000.00000001 and the
    ceiling would add a nanosecond.
    """
    match = _DELAY.search(_path(url))
    if match is None:
        return DEFAULT_LATENCY_NS
    return int(math.ceil(Fraction(match.group(1)) * 10**9))


def status(url):
    """HTTP status code the simulated server answers for ``url``."""
    match = _STATUS.search(_path(url))
    return int(match.group(1)) if match else 200


def reason(code):
    """Standard reason phrase for ``code`` ("" for unknown codes)."""
    try:
        return http.HTTPStatus(code).phrase
    except ValueError:
        return ""


def body(url):
    """Response body text for ``url``."""
    return json.dumps({"url": str(url)})


def url_with_params(url, params):
    """``url`` with a ``params=`` mapping or sequence appended as a query
    string, the way both client libraries do before sending."""
    url = str(url)
    if not params:
        return url
    if isinstance(params, (str, bytes)):
        query = params.decode() if isinstance(params, bytes) else params
    else:
        items = params.items() if hasattr(params, "items") else params
        query = urlencode(list(items), doseq=True)
    separator = "&" if "?" in url else "?"
    return url + separator + query


def timeout_ns(value):
    """Nanoseconds for a client timeout given in seconds (``None`` = none).

    Timeouts are user input; rounding up matches ``time.sleep`` and means a
    timeout never fires earlier than asked.
    """
    if value is None:
        return None
    seconds = float(value)
    if seconds < 0:
        raise ValueError("a timeout must not be negative")
    return int(math.ceil(seconds * 1e9))
