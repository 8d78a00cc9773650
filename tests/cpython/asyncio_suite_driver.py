"""Runs modules of CPython's own test_asyncio (Debian's libpython3.11-testsuite) as one program
under `looplab run`: their asyncio.Runner and IsolatedAsyncioTestCase loops are LoopLab's.
Prints one line per test, "<outcome> <test id>", outcome one of ok, FAIL, ERROR, skip.
Usage (inside LoopLab): looplab run asyncio_suite_driver.py -- the modules are listed below.
"""

import unittest

# The modules that build their loops through asyncio.Runner (so LoopLab's loop schedules
# them) and need nothing LoopLab refuses by design (sockets, subprocesses, signals).
MODULES = [
    "test_locks",
    "test_queues",
    "test_timeouts",
    "test_taskgroups",
    "test_waitfor",
    "test_futures2",
]


class LineResult(unittest.TextTestResult):
    def _say(self, outcome, test):
        print(outcome, test.id(), flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._say("ok", test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._say("FAIL", test)

    def addError(self, test, err):
        super().addError(test, err)
        self._say("ERROR", test)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._say("skip", test)


def main():
    suite = unittest.TestSuite()
    loader = unittest.TestLoader()
    for module in MODULES:
        suite.addTests(loader.loadTestsFromName("test.test_asyncio." + module))
    runner = unittest.TextTestRunner(resultclass=LineResult, verbosity=0)
    runner.run(suite)


main()
