"""The part both drivers share: run test_asyncio modules with unittest and print one line per
test, "<outcome> <test id>" (ok, FAIL, ERROR, skip), then for a failure its traceback's last
line indented by "   | ". Tests matched by `out_of_scope` are not run at all (some of them would
hang or end the whole run), and are listed as "out <test id> -- <reason>".
"""

import importlib
import re
import traceback
import unittest


# Tests that need what LoopLab refuses or does not model by design, whichever loop runs them.
# Each entry is a regular expression over the test ids it covers (re.search), and why.
REFUSED_BY_DESIGN = [
    (r"\.RunCoroutineThreadsafeTests\.",
     "a real OS thread blocks on run_coroutine_threadsafe(...).result() while the loop runs: "
     "LoopLab's threads are simulated, one after another, on the program's one OS thread"),
    (r"\.test_env_var_debug$", "starts a Python subprocess (LoopLab refuses subprocesses)"),
    (r"FutureTests\.test_wrap_future$",
     "compares the OS thread identity of an executor job with the loop's: LoopLab's worker "
     "threads are simulated on the program's one OS thread"),
    (r"\.RunnerTests\.test_interrupt_",
     "interrupts the main thread with SIGINT (_thread.interrupt_main): LoopLab does not "
     "deliver signals to a program"),
]


class LineResult(unittest.TextTestResult):
    def _say(self, outcome, test, err=None):
        print(outcome, test.id(), flush=True)
        if err is not None:
            last = "".join(traceback.format_exception(*err)).strip().splitlines()[-1]
            print("   | " + last[:300], flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._say("ok", test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._say("FAIL", test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._say("ERROR", test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        print("skip", test.id(), "--", reason, flush=True)


def _cases(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from _cases(item)
        else:
            yield item


def run(modules, out_of_scope=(), prepare_module=None):
    """Runs `modules` (names under test.test_asyncio). `out_of_scope`: (pattern, reason)
    pairs; a test whose id matches the regular expression (re.search) is listed, not run. `prepare_module(module)`
    may patch a module after import."""
    suite = unittest.TestSuite()
    loader = unittest.TestLoader()
    for name in modules:
        module = importlib.import_module("test.test_asyncio." + name)
        if prepare_module is not None:
            prepare_module(module)
        for case in _cases(loader.loadTestsFromModule(module)):
            reason = next((why for pattern, why in out_of_scope if re.search(pattern, case.id())),
                          None)
            if reason is not None:
                print("out", case.id(), "--", reason, flush=True)
            else:
                suite.addTest(case)
    unittest.TextTestRunner(resultclass=LineResult, verbosity=0).run(suite)
