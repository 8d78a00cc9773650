"""A simulated ``aiohttp`` client.

Only the part of aiohttp that asyncio lessons use is modelled: a session, its
connector's connection limit, timeouts and responses.  A request holds one of
the connector's slots while it waits ``network.latency_ns(url)`` of virtual
time, so ``TCPConnector(limit=5)`` visibly runs requests in waves of five.

``install`` registers the module object built by ``make_module()`` as
``sys.modules['aiohttp']``.
"""

import asyncio
import collections
import json
import types
from urllib.parse import urljoin, urlsplit

from . import network, schedule
from .errors import NotSimulatedError, missing_attribute_hook

# Real aiohttp: ClientTimeout(total=5 * 60) unless the program says otherwise.
_DEFAULT_TOTAL = 300.0

RequestInfo = collections.namedtuple("RequestInfo", "url method headers real_url")


class ClientError(Exception):
    """Base class of every simulated aiohttp client error."""


class ClientConnectionError(ClientError):
    pass


class ClientConnectorError(ClientConnectionError):
    pass


class ClientResponseError(ClientError):
    def __init__(self, request_info=None, history=(), *, status=None, message="", headers=None):
        super().__init__(request_info, history)
        self.request_info = request_info
        self.history = history
        self.status = status
        self.message = message
        self.headers = headers

    def __str__(self):
        url = self.request_info.real_url if self.request_info is not None else ""
        return f"{self.status}, message={self.message!r}, url={url!r}"


class ClientTimeout:
    """Timeout settings; only ``total`` has an effect in the simulation."""

    def __init__(self, total=None, connect=None, sock_read=None, sock_connect=None,
                 ceil_threshold=5):
        self.total = total
        self.connect = connect
        self.sock_read = sock_read
        self.sock_connect = sock_connect
        self.ceil_threshold = ceil_threshold

    def __repr__(self):
        return (f"ClientTimeout(total={self.total}, connect={self.connect}, "
                f"sock_read={self.sock_read}, sock_connect={self.sock_connect})")


class TCPConnector:
    """Connection pool limits: ``limit`` overall (0 = unlimited, default 100)
    and ``limit_per_host`` (0 = unlimited, the default)."""

    def __init__(self, *, limit=100, limit_per_host=0, **ignored):
        self.limit = limit
        self.limit_per_host = limit_per_host
        self.closed = False
        # Semaphores are made lazily, inside the running loop, and remade if
        # the connector is reused by a later asyncio.run() with a new loop.
        self._loop = None
        self._total = None
        self._per_host = {}

    def _slots(self, host):
        """Semaphores a request to ``host`` must hold, in acquisition order.

        Per-host first: a request only takes one of the scarce global slots
        once its host has room, as aiohttp's own pool does.
        """
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop = loop
            self._total = asyncio.Semaphore(self.limit) if self.limit else None
            self._per_host = {}
        slots = []
        if self.limit_per_host:
            if host not in self._per_host:
                self._per_host[host] = asyncio.Semaphore(self.limit_per_host)
            slots.append(self._per_host[host])
        if self._total is not None:
            slots.append(self._total)
        return slots

    async def close(self):
        self.closed = True


class ClientResponse:
    """A finished response; the body is already "downloaded"."""

    def __init__(self, method, url, status):
        self.method = method
        self.url = url
        self.real_url = url
        self.status = status
        self.reason = network.reason(status)
        self.headers = {"Content-Type": "application/json"}
        self.content_type = "application/json"
        self.charset = "utf-8"
        self.request_info = RequestInfo(url, method, {}, url)
        self.history = ()
        self.closed = False
        self._body = network.body(url).encode("utf-8")

    @property
    def ok(self):
        return self.status < 400

    async def read(self):
        return self._body

    async def text(self, encoding=None, errors="strict"):
        return self._body.decode(encoding or self.charset, errors)

    async def json(self, *, encoding=None, loads=json.loads, content_type="application/json"):
        return loads(self._body.decode(encoding or self.charset))

    def raise_for_status(self):
        if self.status >= 400:
            raise ClientResponseError(self.request_info, self.history, status=self.status,
                                      message=self.reason, headers=self.headers)

    def release(self):
        self.closed = True

    def close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    def __repr__(self):
        return f"<ClientResponse({self.url}) [{self.status} {self.reason}]>"


async def _simulated_request(connector, method, url, latency_ns):
    """The network wait itself.  The engine recognises a frame with this name
    as "waiting for the network", so the sleep must stay directly in here."""
    slots = connector._slots(urlsplit(url).netloc)
    acquired = []
    try:
        for slot in slots:
            await slot.acquire()
            acquired.append(slot)
        await asyncio.sleep(latency_ns / 1e9)
    finally:
        for slot in reversed(acquired):
            slot.release()
    return ClientResponse(method, url, network.status(url))


class _RequestContext:
    """What ``session.get()`` returns: awaitable *and* an async context
    manager, like aiohttp's ``_RequestContextManager``.  The request starts
    only when awaited or entered, so an unused one leaves no coroutine behind
    to warn about."""

    def __init__(self, session, method, url, kwargs):
        self._session = session
        self._args = (method, url, kwargs)
        self._response = None

    def __await__(self):
        return self._session._send(*self._args).__await__()

    async def __aenter__(self):
        self._response = await self._session._send(*self._args)
        return self._response

    async def __aexit__(self, exc_type, exc, tb):
        if self._response is not None:
            self._response.release()


def _total_seconds(timeout):
    if isinstance(timeout, ClientTimeout):
        return timeout.total
    return timeout  # plain numbers were accepted by older aiohttp versions


class ClientSession:
    def __init__(self, base_url=None, *, connector=None, timeout=None,
                 raise_for_status=False, headers=None, **ignored):
        self._base_url = base_url
        self.connector = connector if connector is not None else TCPConnector()
        self.timeout = timeout if timeout is not None else ClientTimeout(total=_DEFAULT_TOTAL)
        self._raise_for_status = raise_for_status
        self.headers = dict(headers or {})
        self.closed = False

    def request(self, method, url, **kwargs):
        return _RequestContext(self, method.upper(), url, kwargs)

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)

    def put(self, url, **kwargs):
        return self.request("PUT", url, **kwargs)

    def patch(self, url, **kwargs):
        return self.request("PATCH", url, **kwargs)

    def delete(self, url, **kwargs):
        return self.request("DELETE", url, **kwargs)

    def head(self, url, **kwargs):
        return self.request("HEAD", url, **kwargs)

    async def _send(self, method, url, kwargs):
        if self.closed:
            raise RuntimeError("Session is closed")
        url = str(url)
        if self._base_url is not None:
            url = urljoin(str(self._base_url), url)
        url = network.url_with_params(url, kwargs.get("params"))
        total = _total_seconds(kwargs.get("timeout", self.timeout))
        latency = schedule.network_ns(network.latency_ns(url))
        # asyncio.timeout() rather than wait_for(): wait_for would wrap the
        # request in an extra task that real aiohttp never creates, and that
        # task would show up in the recorder and shift the Task-N names.
        async with asyncio.timeout(total if total else None):
            response = await _simulated_request(self.connector, method, url, latency)
        if kwargs.get("raise_for_status", self._raise_for_status):
            response.raise_for_status()
        return response

    async def close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.close()


def request(method, url, **kwargs):
    """``aiohttp.request(...)``: a one-off request with a private session."""
    return ClientSession().request(method, url, **kwargs)


PUBLIC_NAMES = (
    "ClientSession", "TCPConnector", "ClientTimeout", "ClientResponse",
    "ClientError", "ClientConnectionError", "ClientConnectorError",
    "ClientResponseError", "RequestInfo", "request",
)


def make_module():
    """A fresh ``aiohttp`` module object exposing the simulation."""
    module = types.ModuleType("aiohttp", "LoopLab's simulated aiohttp client.")
    for name in PUBLIC_NAMES:
        value = globals()[name]
        if isinstance(value, type):
            value.__module__ = "aiohttp"
        setattr(module, name, value)
    module.__version__ = "3.8.6"
    module.__getattr__ = missing_attribute_hook(
        "aiohttp", "the HTTP client (ClientSession, TCPConnector, ClientTimeout and the errors)")
    return module
