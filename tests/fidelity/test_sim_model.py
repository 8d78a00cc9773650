"""Unit tests for the shared simulation model (engine/python/looplab_sim).

Run with:
    /usr/bin/python3 -m unittest discover -s tests/fidelity -p 'test_*.py'

Pieces are tested directly with a PyClock, without ``looplab_sim.install``,
so the test process keeps its real stdout, time and sockets.  What needs the
whole model installed is checked by running programs through reference_runner.py.
"""

import asyncio
import contextvars
import functools
import io
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

# Importing the runner also puts engine/python on sys.path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_runner as rr  # noqa: E402
from looplab_sim import (BudgetExceeded, NotSimulatedError, PyClock, aiohttp_sim,  # noqa: E402
                         determinism, executors, loop_support, network, requests_sim, vtime)
from looplab_sim.output import StampedOutput, format_stamp  # noqa: E402

MS = 1_000_000
S = 1_000_000_000
SLEEP = vtime._TIME_PATCHES["sleep"]  # the patched time.sleep, without patching


class ModelTestCase(unittest.TestCase):
    """Fresh clock, counters and default executor for every test."""

    def setUp(self):
        self.clock = PyClock()
        vtime.set_clock(self.clock)
        determinism.reset()
        executors.reset()
        executors.on_job = None
        self.addCleanup(setattr, executors, "on_job", None)

    def run_loop(self, coro):
        loop = rr.VirtualLoop(self.clock)
        try:
            return loop.run_until_complete(coro)
        finally:
            loop.close()


class StampedOutputTests(ModelTestCase):
    def test_stamp_format_floors_to_milliseconds(self):
        self.assertEqual(format_stamp(1_234_999_999), "[1.234] ")
        self.assertEqual(format_stamp(0), "[0.000] ")
        self.assertEqual(format_stamp(61_005_000_000), "[61.005] ")

    def test_stamp_is_time_of_first_character(self):
        out = StampedOutput(self.clock)
        out.write("hel")
        self.clock.advance_ns(5 * MS)
        out.write("lo\nwor")
        self.clock.advance_ns(5 * MS)
        out.write("ld\n")
        self.assertEqual(out.render(stamp=True), "[0.000] hello\n[0.005] world\n")

    def test_lines_sorted_stably_by_stamp(self):
        out = StampedOutput(self.clock)
        self.clock.enter_worker("w", 2 * S)
        out.write("worker line\n")
        self.clock.leave_worker()
        out.write("first\nsecond\n")  # both at 0, must keep program order
        self.assertEqual(out.render(), "first\nsecond\nworker line\n")

    def test_unfinished_last_line_and_on_line(self):
        seen = []
        out = StampedOutput(self.clock, on_line=lambda stamp, text: seen.append((stamp, text)))
        out.write("a\n\nb")
        self.assertEqual(seen, [(0, "a"), (0, "")])
        self.assertEqual(out.render(), "a\n\nb")
        out.finish()
        out.finish()
        self.assertEqual(seen, [(0, "a"), (0, ""), (0, "b")])

    def test_unfinished_line_sorted_before_later_line_keeps_lines_apart(self):
        out = StampedOutput(self.clock)
        self.clock.enter_worker("w", S)
        out.write("late\n")
        self.clock.leave_worker()
        out.write("open")
        self.assertEqual(out.render(stamp=True), "[0.000] open\n[1.000] late\n")

    def test_budget(self):
        out = StampedOutput(self.clock, limit_bytes=10)
        out.write("12345")
        with self.assertRaises(BudgetExceeded) as caught:
            out.write("é" * 3)  # 6 bytes in UTF-8
        self.assertEqual(caught.exception.reason, "output flood")
        self.assertIn("more than 10 bytes", str(caught.exception))
        with self.assertRaises(BudgetExceeded):
            out.write("x")  # keeps failing once blown
        self.assertIsNotNone(out.budget_error)

    def test_stream_surface(self):
        out = StampedOutput(self.clock)
        self.assertFalse(out.isatty())
        self.assertEqual(out.encoding, "utf-8")
        self.assertTrue(out.writable())
        self.assertFalse(out.readable())
        self.assertRaises(io.UnsupportedOperation, out.fileno)
        self.assertRaises(TypeError, out.write, b"bytes")
        print("via print", 1, file=out)
        out.writelines(["x\n", "y\n"])
        out.buffer.write(b"raw\n")
        self.assertEqual(out.render(), "via print 1\nx\ny\nraw\n")


class ClockAndTimeTests(ModelTestCase):
    def test_worker_stack(self):
        self.clock.advance_ns(7)
        self.clock.enter_worker("a", 100)
        self.clock.advance_ns(5)
        self.clock.enter_worker("b", 200)
        self.assertEqual(self.clock.now_ns(), 200)
        self.assertEqual(self.clock.leave_worker(), 200)
        self.assertEqual(self.clock.leave_worker(), 105)
        self.assertEqual(self.clock.now_ns(), 7)

    def test_sleep_conversion(self):
        self.assertEqual(vtime.sleep_ns_for(2), 2 * S)
        self.assertEqual(vtime.sleep_ns_for(0.1), 100 * MS)
        self.assertEqual(vtime.sleep_ns_for(1e-10), 1)  # rounds up
        with self.assertRaises(ValueError):
            vtime.sleep_ns_for(-1)
        with self.assertRaises(TypeError):
            vtime.sleep_ns_for("1")

    def test_patched_functions(self):
        patches = vtime._TIME_PATCHES
        self.clock.advance_ns(1_500 * MS)
        self.assertEqual(patches["monotonic"](), 1.5)
        self.assertEqual(patches["time_ns"](), 1704099600 * S + 1_500 * MS)
        patches["sleep"](0.5)
        self.assertEqual(patches["perf_counter_ns"](), 2 * S)
        now = vtime._SimDatetime.now()
        self.assertEqual((now.year, now.month, now.day, now.hour, now.second), (2024, 1, 1, 9, 2))
        self.assertIsInstance(now, vtime._REAL_DATETIME)
        self.assertIsInstance(vtime._REAL_DATETIME(2020, 1, 1), vtime._SimDatetime)
        self.assertEqual(str(vtime._SimDate.today()), "2024-01-01")


class ExecutorTests(ModelTestCase):
    def test_worker_scheduling(self):
        jobs = []
        executors.on_job = lambda *record: jobs.append(record)
        pool = executors.SimThreadPoolExecutor(max_workers=2)
        futures = [pool.submit(SLEEP, 2) for _ in range(3)]
        self.assertEqual(self.clock.now_ns(), 0)  # submitting does not block
        self.assertEqual([(j[1], j[2], j[3]) for j in jobs],
                         [(0, 0, 2 * S), (1, 0, 2 * S), (0, 2 * S, 4 * S)])
        self.assertEqual(jobs[0][0], "thread pool 1")
        self.assertEqual(jobs[0][4], "_sleep")
        self.assertFalse(futures[2].done())
        self.assertIsNone(futures[2].result())  # waiting advances the caller
        self.assertEqual(self.clock.now_ns(), 4 * S)
        self.assertEqual(futures[2]._looplab_finish_ns, 4 * S)
        self.clock.advance_ns(S)  # all idle now: the lowest index takes the job
        pool.submit(len, "x")
        self.assertEqual((jobs[3][1], jobs[3][2]), (0, 5 * S))

    def test_pool_defaults_and_labels(self):
        self.assertEqual(executors.default_executor().label, "default")
        self.assertEqual(executors.default_executor()._max_workers, 8)
        self.assertEqual(executors.SimProcessPoolExecutor()._max_workers, 4)
        self.assertEqual(executors.SimProcessPoolExecutor().label, "process pool 2")
        self.assertEqual(executors.SimThreadPoolExecutor().label, "thread pool 1")
        with self.assertRaises(ValueError):
            executors.SimThreadPoolExecutor(max_workers=0)

    def test_run_in_executor_delivers_at_finish(self):
        def work(n):
            SLEEP(n)
            return n * 10
        async def main():
            loop = asyncio.get_running_loop()
            value = await loop.run_in_executor(None, work, 2)
            return value, loop.time()
        self.assertEqual(self.run_loop(main()), (20, 2.0))

    def test_exception_and_cancelled_delivery(self):
        def fail():
            raise KeyError("nope")
        async def main():
            loop = asyncio.get_running_loop()
            with self.assertRaises(KeyError):
                await loop.run_in_executor(None, fail)
            slow = loop.run_in_executor(None, SLEEP, 3)
            slow.cancel()
            await asyncio.sleep(4)  # the delivery timer must not touch it
            return slow.cancelled()
        self.assertTrue(self.run_loop(main()))

    def test_func_name_sees_through_to_thread(self):
        # asyncio.to_thread submits partial(context.run, func, ...).
        call = functools.partial(contextvars.copy_context().run, network.status, "u")
        self.assertEqual(executors.func_name(call), "status")


class ThreadTests(ModelTestCase):
    def setUp(self):
        super().setUp()
        import threading
        from looplab_sim import threads
        threads.install_threads()
        self.threading = threading
        for name, original in threads._original.items():  # real threads for later tests
            self.addCleanup(setattr, threading.Thread, name, original)

    def test_thread_runs_on_its_own_clock_and_join_waits_for_it(self):
        jobs = []
        executors.on_job = lambda *record: jobs.append(record)
        self.clock.advance_ns(S)
        worker = self.threading.Thread(target=SLEEP, args=(3,), name="fetcher")
        worker.start()
        self.assertEqual(self.clock.now_ns(), S)  # starting does not block the caller
        self.assertTrue(worker.is_alive())
        worker.join(timeout=1)                    # gives up after a second
        self.assertEqual(self.clock.now_ns(), 2 * S)
        self.assertTrue(worker.is_alive())
        worker.join()                             # the thread finishes at 1 + 3 s
        self.assertEqual(self.clock.now_ns(), 4 * S)
        self.assertFalse(worker.is_alive())
        self.assertEqual([(j[0], j[2], j[3]) for j in jobs], [("threads", S, 4 * S)])
        with self.assertRaises(RuntimeError):
            worker.start()

    def test_join_before_start_is_an_error_as_in_cpython(self):
        with self.assertRaises(RuntimeError):
            self.threading.Thread(target=print).join()


class NetworkTests(unittest.TestCase):
    def test_latency(self):
        self.assertEqual(network.latency_ns("https://httpbin.org/delay/2"), 2 * S)
        self.assertEqual(network.latency_ns("https://httpbin.org/delay/0.1"), 100 * MS)
        self.assertEqual(network.latency_ns("http://h/delay/1.5/x?y=1"), 1_500 * MS)
        self.assertEqual(network.latency_ns("http://h/get?delay=3"), 100 * MS)
        self.assertEqual(network.latency_ns("http://h/"), 100 * MS)
        self.assertEqual(network.latency_ns("http://h/mydelay/3"), 100 * MS)

    def test_status_and_body(self):
        self.assertEqual(network.status("https://httpbin.org/status/404"), 404)
        self.assertEqual(network.status("https://httpbin.org/get"), 200)
        self.assertEqual(network.body("http://x/y"), '{"url": "http://x/y"}')
        self.assertEqual(network.url_with_params("http://x/?a=1", {"b": 2}), "http://x/?a=1&b=2")


class DeterminismTests(ModelTestCase):
    def test_hash_is_creation_number(self):
        loop = rr.VirtualLoop(self.clock)
        self.addCleanup(loop.close)

        async def nothing():
            pass

        futures = [loop.create_future() for _ in range(3)]
        tasks = [loop.create_task(nothing()) for _ in range(3)]
        self.assertEqual([hash(f) for f in futures + tasks], [1, 2, 3, 4, 5, 6])
        self.assertEqual([t.get_name() for t in tasks], ["Task-1", "Task-2", "Task-3"])
        self.assertEqual(list({*reversed(tasks)}), tasks)
        loop.run_until_complete(asyncio.gather(*tasks))
        determinism.reset()
        self.assertEqual(hash(loop.create_future()), 1)

    def test_equal_deadlines_fire_in_scheduling_order(self):
        order = []

        async def main():
            loop = asyncio.get_running_loop()
            for i in range(20):
                loop.call_at(1.0, order.append, i)
            await asyncio.sleep(2)

        self.run_loop(main())
        self.assertEqual(order, list(range(20)))

    def test_select_rounds_up_to_milliseconds(self):
        async def main():
            await asyncio.sleep(0.0001)
            return asyncio.get_running_loop().time()
        self.assertEqual(self.run_loop(main()), 0.001)


class ClientTests(ModelTestCase):
    def test_aiohttp_connector_limit_and_timeout(self):
        async def main():
            connector = aiohttp_sim.TCPConnector(limit=5)
            async with aiohttp_sim.ClientSession(connector=connector) as session:
                async def one(i):
                    async with session.get(f"http://h/delay/1?i={i}") as resp:
                        return resp.status, (await resp.json())["url"]
                results = await asyncio.gather(*(one(i) for i in range(12)))
                first_done = asyncio.get_running_loop().time()
                bad = await session.get("http://h/status/503")
                with self.assertRaises(aiohttp_sim.ClientResponseError) as caught:
                    bad.raise_for_status()
            slow = aiohttp_sim.ClientSession(timeout=aiohttp_sim.ClientTimeout(total=0.5))
            start = asyncio.get_running_loop().time()
            with self.assertRaises(asyncio.TimeoutError):
                await slow.get("http://h/delay/3")
            timed_out = asyncio.get_running_loop().time() - start
            return results, first_done, caught.exception.status, timed_out

        results, first_done, status, timed_out = self.run_loop(main())
        # 12 requests of 1 s, 5 at a time: three waves.
        self.assertEqual((results[3], first_done, status), ((200, "http://h/delay/1?i=3"), 3.0, 503))
        self.assertAlmostEqual(timed_out, 0.5, places=9)

    def test_requests_blocks_running_thread(self):
        response = requests_sim.get("https://httpbin.org/delay/2")
        self.assertEqual(self.clock.now_ns(), 2 * S)
        self.assertEqual(response.json(), {"url": "https://httpbin.org/delay/2"})
        with self.assertRaises(requests_sim.Timeout):
            requests_sim.get("https://httpbin.org/delay/5", timeout=1)
        self.assertEqual(self.clock.now_ns(), 3 * S)
        with self.assertRaises(requests_sim.HTTPError):
            requests_sim.get("https://h/status/404").raise_for_status()


class LoopSupportTests(ModelTestCase):
    def test_refused_methods(self):
        loop = rr.VirtualLoop(self.clock)
        self.addCleanup(loop.close)
        self.assertRaises(NotSimulatedError, loop.add_reader, 0, print)
        with self.assertRaises(NotSimulatedError) as caught:
            loop.run_until_complete(loop.create_connection(None, "h", 80))
        self.assertIn("create_connection", str(caught.exception))
        self.assertLessEqual({"create_server", "subprocess_exec", "sock_recv", "add_signal_handler"},
                             set(loop_support.not_simulated_methods))


class RunnerEndToEndTests(unittest.TestCase):
    """Whole programs through the reference runner (model fully installed)."""

    RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_runner.py")

    def run_program(self, source, *options):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "program.py")
            with open(path, "w") as handle:
                handle.write(textwrap.dedent(source))
            done = subprocess.run([sys.executable, self.RUNNER, path, *options],
                                  capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout, done.stderr
    def test_gather_of_sleeps(self):
        code, out, _ = self.run_program("""
            import asyncio
            async def nap(n):
                await asyncio.sleep(n)
                print("slept", n)
            async def main():
                await asyncio.gather(nap(3), nap(1), nap(2))
            asyncio.run(main())
        """, "--stamp")
        self.assertEqual(code, 0)
        self.assertEqual(out, "[1.000] slept 1\n[2.000] slept 2\n[3.000] slept 3\n")

    def test_worker_output_sorted_between_loop_lines(self):
        code, out, _ = self.run_program("""
            import asyncio, time
            def job():
                time.sleep(1.5)
                print("job done")
            async def main():
                fut = asyncio.get_running_loop().run_in_executor(None, job)
                for i in range(3):
                    print("tick", i)
                    await asyncio.sleep(1)
                await fut
            asyncio.run(main())
        """, "--stamp", "--line-cost", "0")
        self.assertEqual(code, 0)
        self.assertEqual(out.splitlines(), ["[0.000] tick 0", "[1.000] tick 1",
                                            "[1.500] job done", "[2.000] tick 2"])

    def test_requests_blocks_the_loop(self):
        code, out, _ = self.run_program("""
            import asyncio, requests, time
            async def other():
                print("other runs at", time.monotonic())
            async def main():
                task = asyncio.create_task(other())
                requests.get("https://httpbin.org/delay/2")
                await task
            asyncio.run(main())
        """, "--line-cost", "0")
        self.assertEqual((code, out), (0, "other runs at 2.0\n"))

    def test_deadlock_exception_input_and_exit(self):
        code, _, err = self.run_program("import asyncio\nasyncio.run(asyncio.Event().wait())\n")
        self.assertEqual((code, err[:8]), (3, "deadlock"))
        code, _, err = self.run_program("raise ValueError('boom')\n")
        self.assertEqual((code, err.splitlines()[0]), (1, "Traceback (most recent call last):"))
        self.assertEqual(err.splitlines()[-1], "ValueError: boom")
        code, _, err = self.run_program("x = input()\n")
        self.assertEqual(code, 1)
        self.assertIn("a LoopLab simulation has no keyboard", err)
        code, out, _ = self.run_program("print('a', end='')\nraise SystemExit(5)\n")
        self.assertEqual((code, out), (5, "a"))

    def test_output_flood_and_determinism(self):
        code, _, err = self.run_program("while True:\n    print('x' * 1000)\n")
        self.assertEqual(code, 4)
        self.assertIn("output flood", err)
        program = """
            import asyncio, random
            async def job(i):
                await asyncio.sleep(random.random())
                return i
            async def main():
                tasks = {asyncio.create_task(job(i)) for i in range(6)}
                print(sorted(t.get_name() for t in tasks), [t.get_name() for t in tasks])
                print({"alpha", "beta", "gamma"}, hash("x"))
            asyncio.run(main())
        """
        first = self.run_program(program)
        self.assertEqual(first[0], 0, first[2])
        self.assertEqual(first, self.run_program(program))


if __name__ == "__main__":
    unittest.main()
