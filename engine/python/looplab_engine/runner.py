"""Runs one student program inside the engine's interpreter and returns its exit status.

Called once per worker process by ProgramRunner.cpp. The program runs as ``__main__`` exactly
as under ``python3 prog.py``; what differs is underneath: the simulation model (looplab_sim),
LoopLab's loop and the recorder.
"""

import ast
import asyncio
import builtins
import json
import os
import sys
import traceback
import types

import _looplab

FINISHED, EXCEPTION, USAGE, DEADLOCK, BUDGET, PROGRAM_EXIT = 0, 1, 2, 3, 4, 5
_error = []  # the program's uncaught exception as one line, once it has one


def run(settings):
    import looplab_sim
    from looplab_sim import executors
    from . import error_stream, loop as virtual_loop, recorder, sync_watch

    program = settings["program"]
    recorder.program_path = program
    real_stdout = sys.stdout
    output = looplab_sim.install(_looplab, loop_factory=virtual_loop.VirtualEventLoop,
                                 seed=settings["seed"],
                                 output_limit_bytes=settings["output_limit_bytes"],
                                 on_line=recorder.on_print,
                                 schedule_seed=settings.get("schedule_seed"),
                                 jitter=settings.get("jitter", looplab_sim.schedule.DEFAULT_JITTER))
    executors.on_job = recorder.on_job
    sync_watch.install()
    recorder.install_cleanup_marker()
    _looplab.configure_describer(recorder, program, os.path.dirname(asyncio.__file__))
    # Both of CPython's task classes: the C one (asyncio.Task) and the pure-Python one that a
    # task factory may return (asyncio.tasks._PyTask, as CPython's own tests do).
    _looplab.configure_labeler((asyncio.Task, asyncio.tasks._PyTask), recorder.task_id)
    _keep_output_on_os_exit(output, real_stdout, settings["stamp"])

    real_stderr = sys.stderr
    errors = error_stream.RecordedErrorStream(real_stderr, recorder.on_error_text)
    sys.stderr = errors
    try:
        line_cost_ns = looplab_sim.schedule.line_cost_ns(settings["line_cost_ns"])
        status, message, report = _execute(program, line_cost_ns, virtual_loop.Deadlock)
    finally:
        # LoopLab's own messages from here on (the deadlock report, a budget) are not the
        # program's: they go to standard error unrecorded, and the window tells them itself.
        errors.finish()
        sys.stderr = real_stderr

    output.finish()
    _looplab.output_rendered()
    real_stdout.write(output.render(settings["stamp"]))
    real_stdout.flush()
    names = {FINISHED: "finished", EXCEPTION: "exception", DEADLOCK: "deadlock", BUDGET: "budget"}
    end = {"status": names.get(status, "exit"), "exit": status}
    if isinstance(status, tuple):  # the program's own sys.exit(N): never one of LoopLab's
        end = {"status": "exit", "exit": status[1]}
        message = f"looplab: the program exited with status {status[1]} (sys.exit)"
        status = PROGRAM_EXIT
    if message:
        print(message, file=sys.stderr)
    end.update(message=message, lines=_looplab.lines_executed())
    if _error:  # the uncaught exception's last line, for readers without the traceback
        end["error"] = _error[-1]
    if report is not None:
        end["deadlock"] = {"tasks": report["tasks"], "cycle": report["cycle"]}
    _looplab.record_end(json.dumps(end, separators=(",", ":"), ensure_ascii=False))
    return status


def _execute(program, line_cost_ns, deadlock_type):
    """(status, message for stderr, deadlock report or None)"""
    from looplab_sim import BudgetExceeded

    try:
        with open(program, "rb") as f:
            source = f.read()
        code = compile(source, program, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: a source Python cannot decode
        traceback.print_exception(exc, limit=0)
        _error.append(f"{type(exc).__name__}: {exc}")
        return EXCEPTION, None, None
    _looplab.set_program_loops(_loops(source))

    main = types.ModuleType("__main__")
    main.__file__ = program
    main.__builtins__ = builtins
    main.__cached__ = None
    sys.modules["__main__"] = main
    sys.path.insert(0, os.path.dirname(os.path.abspath(program)))

    _looplab.install_tracer(program, line_cost_ns)
    try:
        exec(code, main.__dict__)
        return FINISHED, None, None
    except SystemExit as exc:
        if _looplab.budget_exceeded():
            return BUDGET, "looplab: budget exceeded: " + _looplab.budget_exceeded(), None
        return _system_exit_status(exc), None, None
    except deadlock_type as exc:
        return DEADLOCK, exc.report["text"], exc.report
    except BudgetExceeded as exc:
        return BUDGET, f"looplab: budget exceeded: {exc}{_at_line(exc, program)}", None
    except MemoryError as exc:
        return BUDGET, ("looplab: budget exceeded: the program used more memory than the "
                        f"limit{_at_line(exc, program)}"), None
    except BaseException as exc:  # the program's own uncaught exception: like python3
        traceback.print_exception(type(exc), exc, exc.__traceback__.tb_next)
        _error.append(f"{type(exc).__name__}: {exc}{_at_line(exc, program)}")
        return EXCEPTION, None, None
    finally:
        _looplab.uninstall_tracer()


def _keep_output_on_os_exit(output, real_stdout, stamp):
    """os._exit ends the process at once, as in CPython (no finally blocks, no clean-up), but
    what the program printed and what LoopLab recorded up to that call are kept: the output is
    written out and the trace closed with an end of status "exit" before the process goes."""
    import operator
    import posix

    real_exit = posix._exit

    def _exit(status):
        status = operator.index(status)  # a TypeError for anything else, as in CPython
        output.finish()
        _looplab.output_rendered()
        real_stdout.write(output.render(stamp))
        real_stdout.flush()
        sys.stderr.flush()
        end = {"status": "exit", "exit": status, "how": "os._exit",
               "message": f"looplab: the program ended the worker process itself with status "
                          f"{status} (os._exit); nothing after that point was recorded",
               "lines": _looplab.lines_executed()}
        _looplab.record_end(json.dumps(end, separators=(",", ":")))
        _looplab.finish_trace()
        real_exit(status)

    _exit.__name__ = _exit.__qualname__ = "_exit"
    os._exit = posix._exit = _exit


def _loops(source):
    """(header line, last line of the body) of every for and while loop, in source order: the
    app's "step over" at a loop's header runs the rest of the loop in one step."""
    loops = [(node.lineno, node.body[-1].end_lineno) for node in ast.walk(ast.parse(source))
             if isinstance(node, (ast.For, ast.AsyncFor, ast.While))]
    return sorted(loops)


def _at_line(exc, program):
    line = 0
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == program:
            line = tb.tb_lineno
        tb = tb.tb_next
    return f" (line {line})" if line else ""


def _system_exit_status(exc):
    """FINISHED for sys.exit() and sys.exit(0); else ("exit", N) with the status N the program
    asked for (as python3 would exit: a message is printed and gives 1). The program's status
    is its own: it is reported as such, never as one of LoopLab's outcomes."""
    code = exc.code
    if code is None or code == 0:
        return FINISHED
    if isinstance(code, int):
        return ("exit", code & 0xFF) if code & 0xFF else FINISHED
    print(code, file=sys.stderr)
    return ("exit", 1)
