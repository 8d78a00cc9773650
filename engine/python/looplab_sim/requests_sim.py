"""A simulated ``requests`` library.

``requests`` is the blocking counterpart that asyncio lessons contrast with
aiohttp: a call holds the *calling simulated thread* for the whole latency.
On the loop thread that freezes every task (the lesson); inside
``run_in_executor`` it only occupies a worker.  Blocking is modelled by
advancing the running thread's clock, nothing else.

``install`` registers ``make_modules()`` as ``sys.modules['requests']`` and
``sys.modules['requests.exceptions']``.
"""

import datetime
import json as _json
import types
from urllib.parse import urlsplit

from . import network, schedule, vtime
from .errors import NotSimulatedError, missing_attribute_hook


# ------------------------------------------------------------------ errors

class RequestException(IOError):
    def __init__(self, *args, response=None, request=None):
        super().__init__(*args)
        self.response = response
        self.request = request


class HTTPError(RequestException):
    pass


class ConnectionError(RequestException):  # noqa: A001 - the real library's name
    pass


class Timeout(RequestException):
    pass


class ConnectTimeout(ConnectionError, Timeout):
    pass


class ReadTimeout(Timeout):
    pass


class URLRequired(RequestException):
    pass


class InvalidURL(RequestException, ValueError):
    pass


class JSONDecodeError(RequestException, ValueError):
    pass


_EXCEPTION_NAMES = (
    "RequestException", "HTTPError", "ConnectionError", "Timeout", "ConnectTimeout",
    "ReadTimeout", "URLRequired", "InvalidURL", "JSONDecodeError",
)


# ---------------------------------------------------------------- response

class Response:
    def __init__(self, method, url, status_code, elapsed_ns):
        self.url = url
        self.status_code = status_code
        self.reason = network.reason(status_code)
        self.headers = {"Content-Type": "application/json"}
        self.encoding = "utf-8"
        self.content = network.body(url).encode("utf-8")
        self.elapsed = datetime.timedelta(microseconds=elapsed_ns // 1000)
        self.history = []
        self.request = types.SimpleNamespace(method=method, url=url, headers={})

    @property
    def text(self):
        return self.content.decode(self.encoding)

    @property
    def ok(self):
        return self.status_code < 400

    def __bool__(self):
        return self.ok

    def json(self, **kwargs):
        try:
            return _json.loads(self.text, **kwargs)
        except ValueError as exc:
            raise JSONDecodeError(str(exc), response=self) from exc

    def raise_for_status(self):
        code = self.status_code
        if 400 <= code < 500:
            kind = "Client Error"
        elif 500 <= code < 600:
            kind = "Server Error"
        else:
            return
        raise HTTPError(f"{code} {kind}: {self.reason} for url: {self.url}", response=self)

    def iter_content(self, chunk_size=1, decode_unicode=False):
        data = self.text if decode_unicode else self.content
        step = chunk_size or len(data) or 1
        for start in range(0, len(data), step):
            yield data[start:start + step]

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __repr__(self):
        return f"<Response [{self.status_code}]>"


# ----------------------------------------------------------------- sending

def _read_timeout(timeout):
    """requests accepts a number or a (connect, read) pair.  The simulated
    latency is the server's think time, which the *read* timeout governs."""
    if isinstance(timeout, tuple):
        timeout = timeout[1] if len(timeout) > 1 else timeout[0]
    return network.timeout_ns(timeout)


def request(method, url, params=None, timeout=None, **ignored):
    if not url:
        raise URLRequired("Invalid URL: no URL supplied")
    url = network.url_with_params(url, params)
    if "://" not in url:
        raise InvalidURL(f"Invalid URL {url!r}: No scheme supplied. "
                         f"Perhaps you meant https://{url}?")
    clock = vtime.current_clock()
    latency = schedule.network_ns(network.latency_ns(url))
    limit = _read_timeout(timeout)
    if limit is not None and limit < latency:
        # The caller gives up after its timeout; that much time is spent.
        clock.advance_ns(limit)
        host = urlsplit(url).hostname
        raise ReadTimeout(f"HTTPConnectionPool(host={host!r}): Read timed out. "
                          f"(read timeout={timeout})")
    clock.advance_ns(latency)
    return Response(method.upper(), url, network.status(url), latency)


def get(url, params=None, **kwargs):
    return request("GET", url, params=params, **kwargs)


def post(url, data=None, json=None, **kwargs):
    return request("POST", url, **kwargs)


def put(url, data=None, **kwargs):
    return request("PUT", url, **kwargs)


def patch(url, data=None, **kwargs):
    return request("PATCH", url, **kwargs)


def delete(url, **kwargs):
    return request("DELETE", url, **kwargs)


def head(url, **kwargs):
    return request("HEAD", url, **kwargs)


class Session:
    """Same methods as the module; connection reuse has no cost in the model,
    so a session is only a place for default headers and parameters."""

    def __init__(self):
        self.headers = {}
        self.params = {}

    def request(self, method, url, **kwargs):
        params = kwargs.pop("params", None)
        if self.params:
            merged = dict(self.params)
            merged.update(params or {})
            params = merged
        return request(method, url, params=params, **kwargs)

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, data=None, json=None, **kwargs):
        return self.request("POST", url, **kwargs)

    def put(self, url, data=None, **kwargs):
        return self.request("PUT", url, **kwargs)

    def patch(self, url, data=None, **kwargs):
        return self.request("PATCH", url, **kwargs)

    def delete(self, url, **kwargs):
        return self.request("DELETE", url, **kwargs)

    def head(self, url, **kwargs):
        return self.request("HEAD", url, **kwargs)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def session():
    return Session()


# ----------------------------------------------------------------- modules

_PUBLIC_NAMES = (
    "request", "get", "post", "put", "patch", "delete", "head",
    "Session", "session", "Response",
)


def make_modules():
    """Fresh ``(requests, requests.exceptions)`` module objects."""
    exceptions = types.ModuleType("requests.exceptions", "Simulated requests exceptions.")
    for name in _EXCEPTION_NAMES:
        cls = globals()[name]
        cls.__module__ = "requests.exceptions"
        setattr(exceptions, name, cls)
    module = types.ModuleType("requests", "LoopLab's simulated requests library.")
    for name in _PUBLIC_NAMES + _EXCEPTION_NAMES:
        setattr(module, name, globals()[name])
    Response.__module__ = Session.__module__ = "requests"
    module.exceptions = exceptions
    module.codes = types.SimpleNamespace(ok=200, not_found=404, server_error=500)
    module.__version__ = "2.31.0"
    module.__getattr__ = missing_attribute_hook(
        "requests", "get/post/put/patch/delete/head/request, Session, Response and "
        "requests.exceptions")
    return module, exceptions
