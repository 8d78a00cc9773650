"""Pieces both event loops share: refusing real I/O, the loop policy, and a
readable description of a deadlock.

The engine's loop and the reference runner's loop are different code, but
what they refuse and how they say it must be identical, so it is written once
here.  ``not_simulated_methods`` maps each refused loop method name to a
function (a coroutine function where CPython's method is a coroutine, so
``await loop.create_connection(...)`` fails at the ``await`` with our error
rather than with "object is not awaitable"); ``NotSimulatedLoopMixin`` is the
same functions gathered into a class that a Python loop can inherit from.
"""

import asyncio

from . import determinism
from .errors import NotSimulatedError

__all__ = [
    "not_simulated_methods",
    "not_simulated_message",
    "NotSimulatedLoopMixin",
    "LoopPolicy",
    "describe_waiting_tasks",
]

_NETWORK = "it opens real network connections; use the simulated aiohttp or requests"
_SERVER = "a simulated program cannot accept network connections"
_SUBPROCESS = "a program cannot start other programs; use loop.run_in_executor to model work elsewhere"
_DNS = "it does real name lookups (DNS); the simulated aiohttp and requests need none"
_SOCKET = "it uses real sockets; use the simulated aiohttp or requests"
_PIPE = "it needs pipes to other processes"
_FD = "the simulated loop does no real I/O, so there are no file descriptors to watch"
_SIGNAL = "a simulated program receives no signals"

# name -> (is a coroutine in CPython, why it is refused)
_REFUSED = {
    "create_connection": (True, _NETWORK),
    "create_unix_connection": (True, _NETWORK),
    "create_datagram_endpoint": (True, _NETWORK),
    "connect_accepted_socket": (True, _NETWORK),
    "start_tls": (True, _NETWORK),
    "sendfile": (True, _NETWORK),
    "create_server": (True, _SERVER),
    "create_unix_server": (True, _SERVER),
    "subprocess_exec": (True, _SUBPROCESS),
    "subprocess_shell": (True, _SUBPROCESS),
    "getaddrinfo": (True, _DNS),
    "getnameinfo": (True, _DNS),
    "sock_recv": (True, _SOCKET),
    "sock_recv_into": (True, _SOCKET),
    "sock_recvfrom": (True, _SOCKET),
    "sock_recvfrom_into": (True, _SOCKET),
    "sock_sendall": (True, _SOCKET),
    "sock_sendto": (True, _SOCKET),
    "sock_sendfile": (True, _SOCKET),
    "sock_connect": (True, _SOCKET),
    "sock_accept": (True, _SOCKET),
    "connect_read_pipe": (True, _PIPE),
    "connect_write_pipe": (True, _PIPE),
    "add_reader": (False, _FD),
    "add_writer": (False, _FD),
    "add_signal_handler": (False, _SIGNAL),
}


def not_simulated_message(name):
    """The sentence raised by the refused loop method ``name``."""
    return f"loop.{name}() is not simulated in LoopLab: {_REFUSED[name][1]}"


def _make_refusal(name, is_coroutine):
    message = not_simulated_message(name)
    if is_coroutine:
        async def refused(self, *args, **kwargs):
            raise NotSimulatedError(message)
    else:
        def refused(self, *args, **kwargs):
            raise NotSimulatedError(message)
    refused.__name__ = name
    refused.__qualname__ = f"NotSimulatedLoopMixin.{name}"
    refused.__doc__ = message
    return refused


not_simulated_methods = {
    name: _make_refusal(name, is_coroutine) for name, (is_coroutine, _) in _REFUSED.items()
}

# A class whose body is the dictionary above; put it *before* the base loop
# class in the bases so these definitions win.
NotSimulatedLoopMixin = type("NotSimulatedLoopMixin", (), dict(
    not_simulated_methods,
    __doc__="Loop methods that would need real I/O, each raising NotSimulatedError.",
    __module__=__name__,
))


class LoopPolicy(asyncio.events.BaseDefaultEventLoopPolicy):
    """Event loop policy whose loops come from the runner's factory, so that
    ``asyncio.run()``, ``asyncio.new_event_loop()`` and ``get_event_loop()``
    all produce simulated loops."""

    def __init__(self, loop_factory):
        super().__init__()
        self._looplab_factory = loop_factory

    def new_event_loop(self):
        return self._looplab_factory()


def _coroutine_name(task):
    coro = task.get_coro() if hasattr(task, "get_coro") else None
    return getattr(coro, "__qualname__", None) or type(coro).__name__


def describe_waiting_tasks(loop):
    """``"Task-1 main(), Task-3 worker()"`` for the unfinished tasks of
    ``loop``, in creation order so the text is the same on every run."""
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    pending.sort(key=lambda t: (determinism.creation_number(t) is None,
                                determinism.creation_number(t) or 0, t.get_name()))
    return ", ".join(f"{task.get_name()} {_coroutine_name(task)}()" for task in pending)


def deadlock_message(loop):
    """The sentence both runners use when the loop would wait forever."""
    waiting = describe_waiting_tasks(loop)
    if waiting:
        return ("deadlock: no callback is ready and no timer is pending, but these "
                f"tasks are still waiting: {waiting}")
    return "deadlock: no callback is ready and no timer is pending, so the loop would wait forever"
