"""Exceptions that mark the edges of the LoopLab simulation.

Two kinds of "stop" exist and they deliberately sit at different places in the
exception hierarchy:

* ``NotSimulatedError`` is an ordinary ``RuntimeError``.  A student program that
  reaches for something the model does not cover (a real socket, ``input()``,
  a subprocess) should see a normal, catchable error with a sentence that
  explains what to do instead.

* ``BudgetExceeded`` derives from ``BaseException`` so that a broad
  ``except Exception:`` in student code cannot swallow it: when a run blows a
  budget (too much output, too much virtual time...) the runner has to regain
  control no matter what the program tries to catch.
"""

__all__ = ["NotSimulatedError", "BudgetExceeded"]


class NotSimulatedError(RuntimeError):
    """Raised when a program uses a facility that LoopLab does not simulate.

    The message is meant for a learner, so it is a full sentence that names the
    facility and, where there is one, the simulated alternative.
    """


class BudgetExceeded(BaseException):
    """Raised when a run exceeds one of its budgets.

    ``reason`` is a short machine-friendly tag (for example ``"output flood"``)
    that the engine uses to classify the stop; the full message adds detail for
    people.  Callers may pass only a message of the form ``"reason: detail"``;
    the tag is then the part before the first colon, so that both runners and
    the C++ side can build the exception from a single string.
    """

    def __init__(self, message, reason=None):
        super().__init__(message)
        if reason is None:
            reason = str(message).split(":", 1)[0].strip()
        self.reason = reason

    def __str__(self):
        return str(self.args[0]) if self.args else self.reason


# Tracebacks should name the public location, not the private module.
NotSimulatedError.__module__ = "looplab_sim"
BudgetExceeded.__module__ = "looplab_sim"


def missing_attribute_hook(module_name, available):
    """A module ``__getattr__`` for a simulated module: a name we do not provide is reported
    as not simulated (saying what is), rather than as a bare AttributeError."""
    def __getattr__(name):
        if name.startswith("_"):
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        raise NotSimulatedError(
            f"{module_name}.{name} is not simulated in LoopLab; what is simulated: {available}")
    return __getattr__
