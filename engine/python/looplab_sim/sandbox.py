"""Close the doors that lead out of the simulation.

Real sockets, subprocesses, forks and the keyboard would all let the program
touch the host, and none of them can run on virtual time.  Each is replaced by
something that raises ``NotSimulatedError`` with a sentence a learner can act
on.  Classes are replaced by *subclasses* that refuse to be constructed rather
than by plain functions, because stdlib modules imported later (``ssl``
subclasses ``socket.socket``) must still be able to define their classes.
"""

import builtins
import os
import socket
import subprocess

from .errors import NotSimulatedError

__all__ = ["install_sandbox", "MESSAGES"]

MESSAGES = {
    "input": "input() is not available: a LoopLab simulation has no keyboard; "
             "put the value in the program instead",
    "socket": "real network sockets are not simulated in LoopLab: "
              "use the simulated aiohttp or requests",
    "dns": "real name lookups (DNS) are not simulated in LoopLab: "
           "use the simulated aiohttp or requests, which need no lookup",
    "subprocess": "subprocesses are not simulated in LoopLab: a program cannot start "
                  "other programs; use run_in_executor or a ProcessPoolExecutor "
                  "to model work elsewhere",
    "os.system": "os.system() is not simulated in LoopLab: a program cannot run shell "
                 "commands",
    "os.popen": "os.popen() is not simulated in LoopLab: a program cannot run shell "
                "commands",
    "os.fork": "os.fork() is not simulated in LoopLab: use a ProcessPoolExecutor, "
               "whose workers are simulated",
    "os.exec": "replacing the program with os.exec*() is not simulated in LoopLab",
    "os.spawn": "starting programs with os.spawn*() or os.posix_spawn() is not "
                "simulated in LoopLab",
    "multiprocessing": "multiprocessing.Process is not simulated in LoopLab: use "
                       "concurrent.futures.ProcessPoolExecutor (or loop.run_in_executor "
                       "with one), whose workers are simulated",
}


def _refuse(key):
    """A function that raises the message for ``key`` whatever it is given."""
    def refused(*args, **kwargs):
        raise NotSimulatedError(MESSAGES[key])
    refused.__name__ = refused.__qualname__ = f"not_simulated_{key.replace('.', '_')}"
    return refused


class _NoSocket(socket.socket):
    """``socket.socket`` that cannot be made."""

    def __init__(self, *args, **kwargs):
        raise NotSimulatedError(MESSAGES["socket"])

    def __repr__(self):
        return "<socket (not simulated)>"


class _NoPopen(subprocess.Popen):
    """``subprocess.Popen`` that cannot be made.  The base ``__del__`` returns
    early because ``_child_created`` is still its class default, False."""

    def __init__(self, *args, **kwargs):
        raise NotSimulatedError(MESSAGES["subprocess"])


_NoSocket.__name__ = _NoSocket.__qualname__ = "socket"
_NoSocket.__module__ = "socket"
_NoPopen.__name__ = _NoPopen.__qualname__ = "Popen"
_NoPopen.__module__ = "subprocess"

_SOCKET_FUNCTIONS = {
    "create_connection": "socket",
    "create_server": "socket",
    "socketpair": "socket",
    "fromfd": "socket",
    "getaddrinfo": "dns",
    "gethostbyname": "dns",
    "gethostbyname_ex": "dns",
    "gethostbyaddr": "dns",
}

_SUBPROCESS_FUNCTIONS = ("run", "call", "check_call", "check_output",
                         "getoutput", "getstatusoutput")

_OS_FUNCTIONS = {
    "system": "os.system",
    "popen": "os.popen",
    "fork": "os.fork",
    "forkpty": "os.fork",
    "execv": "os.exec", "execve": "os.exec", "execl": "os.exec", "execle": "os.exec",
    "execlp": "os.exec", "execlpe": "os.exec", "execvp": "os.exec", "execvpe": "os.exec",
    "spawnv": "os.spawn", "spawnve": "os.spawn", "spawnl": "os.spawn", "spawnle": "os.spawn",
    "spawnlp": "os.spawn", "spawnlpe": "os.spawn", "spawnvp": "os.spawn",
    "spawnvpe": "os.spawn", "posix_spawn": "os.spawn", "posix_spawnp": "os.spawn",
}


def _no_input(prompt=""):
    raise NotSimulatedError(MESSAGES["input"])


_no_input.__name__ = _no_input.__qualname__ = "input"


def install_sandbox():
    """Apply every refusal to the live modules."""
    builtins.input = _no_input

    socket.socket = _NoSocket
    for name, key in _SOCKET_FUNCTIONS.items():
        if hasattr(socket, name):
            setattr(socket, name, _refuse(key))

    subprocess.Popen = _NoPopen
    for name in _SUBPROCESS_FUNCTIONS:
        setattr(subprocess, name, _refuse("subprocess"))

    for name, key in _OS_FUNCTIONS.items():
        if hasattr(os, name):
            setattr(os, name, _refuse(key))

    # Every multiprocessing context's Process (and so Pool) starts through
    # BaseProcess.start, so one patch covers them all.
    import multiprocessing.process
    multiprocessing.process.BaseProcess.start = _refuse("multiprocessing")
