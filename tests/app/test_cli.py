"""End-to-end tests of `looplab run`: exact stamped output, exit statuses, error messages and
the recorded trace. Usage: python3 test_cli.py PATH/TO/looplab"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

LOOPLAB = None


def run(source, *flags, timeout=120):
    """Runs a program given as text; returns (exit status, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "prog.py")
        with open(path, "w") as f:
            f.write(textwrap.dedent(source))
        done = subprocess.run([LOOPLAB, "run", path, *flags], capture_output=True, text=True,
                              timeout=timeout)
        return done.returncode, done.stdout, done.stderr


def run_with_trace(source, *flags):
    with tempfile.TemporaryDirectory() as folder:
        trace = os.path.join(folder, "trace.json")
        status, out, err = run(source, "--trace", trace, *flags)
        with open(trace) as f:
            return status, out, err, json.load(f)


class Output(unittest.TestCase):
    def test_concurrent_sleeps_are_stamped_with_virtual_time(self):
        status, out, err = run("""
            import asyncio
            async def nap(name, seconds):
                await asyncio.sleep(seconds)
                print(name, "woke")
            async def main():
                print("start")
                await asyncio.gather(nap("c", 3), nap("a", 1), nap("b", 2))
                print("end")
            asyncio.run(main())
        """, "--stamp")
        self.assertEqual(status, 0, err)
        self.assertEqual(out, "[0.000] start\n[1.000] a woke\n[2.000] b woke\n"
                              "[3.000] c woke\n[3.000] end\n")

    def test_time_module_reads_the_virtual_clock(self):
        status, out, err = run("""
            import asyncio, time
            async def main():
                print(time.time(), time.monotonic(), time.strftime('%X'))
                await asyncio.sleep(1.5)
                print(f"{time.perf_counter():.4f}", asyncio.get_running_loop().time() >= 1.5)
            asyncio.run(main())
        """, "--line-cost", "0")
        self.assertEqual(status, 0, err)
        self.assertEqual(out, "1704099600.0 0.0 09:00:00\n1.5000 True\n")

    def test_blocking_sleep_freezes_the_loop(self):
        status, out, err = run("""
            import asyncio, time
            async def heartbeat():
                for _ in range(3):
                    print("tick")
                    await asyncio.sleep(0.5)
            async def blocker():
                time.sleep(2)
                print("blocker done")
            async def main():
                await asyncio.gather(heartbeat(), blocker())
            asyncio.run(main())
        """, "--stamp")
        self.assertEqual(status, 0, err)
        self.assertEqual(out, "[0.000] tick\n[2.000] blocker done\n[2.000] tick\n[2.500] tick\n")

    def test_line_cost_makes_cpu_loops_take_time(self):
        source = """
            import asyncio, time
            async def main():
                t0 = time.perf_counter()
                total = 0
                for i in range(100_000):
                    total += i
                print(f"{time.perf_counter() - t0:.3f}")
            asyncio.run(main())
        """
        self.assertEqual(run(source)[1], "0.020\n")  # 200,000 lines x 100 ns
        self.assertEqual(run(source, "--line-cost", "1000")[1], "0.200\n")
        self.assertEqual(run(source, "--line-cost", "0")[1], "0.000\n")

    def test_seed_controls_random(self):
        source = "import random\nprint(random.randint(1, 10**9))\n"
        self.assertEqual(run(source)[1], run(source)[1])
        self.assertEqual(run(source, "--seed", "5")[1], run(source, "--seed", "5")[1])
        self.assertNotEqual(run(source)[1], run(source, "--seed", "5")[1])

    def test_worker_prints_carry_the_workers_time_in_time_order(self):
        status, out, err = run("""
            import asyncio, time
            def slow():
                time.sleep(1)
                print("worker finished")
                return 42
            async def main():
                loop = asyncio.get_running_loop()
                job = loop.run_in_executor(None, slow)
                await asyncio.sleep(0.5)
                print("loop at half a second")
                print("result", await job)
            asyncio.run(main())
        """, "--stamp", "--line-cost", "0")
        self.assertEqual(status, 0, err)
        self.assertEqual(out, "[0.500] loop at half a second\n[1.000] worker finished\n"
                              "[1.000] result 42\n")


class InputFiles(unittest.TestCase):
    """Whatever is given as the program gets one clear line and exit 2 at once: never a hang
    (a FIFO), an abort (/dev/zero), or an internal error (a folder, a binary)."""

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def path(self, name):
        return os.path.join(self.folder.name, name)

    def refused(self, args, expected):
        done = subprocess.run([LOOPLAB, *args], capture_output=True, text=True, timeout=20)
        self.assertEqual(done.returncode, 2, (args, done.stderr))
        self.assertEqual(done.stdout, "")
        lines = done.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, done.stderr)
        self.assertTrue(lines[0].startswith("looplab: "), done.stderr)
        self.assertIn(expected, lines[0])

    def test_a_folder_a_fifo_and_a_device_are_refused_without_opening_them(self):
        fifo = self.path("pipe.py")
        os.mkfifo(fifo)
        for command in ("run", "check-lesson", "export"):
            extra = ["-o", self.path("x.png")] if command == "export" else []
            self.refused([command, self.folder.name, *extra], "is a folder, not a file")
            self.refused([command, fifo, *extra], "is not a regular file")
            self.refused([command, "/dev/zero", *extra], "is not a regular file")
        # The window's command line too (it would otherwise read /dev/zero for ever).
        self.refused(["/dev/zero", "--screenshot", self.path("s.png")], "is not a regular file")

    def test_a_binary_file_is_not_a_python_program(self):
        binary = self.path("prog.py")
        with open(binary, "wb") as f:
            f.write(b"\x7fELF\x02\x01\x01\x00\x00\x00print(1)\n")
        self.refused(["run", binary], "contains NUL bytes")

    def test_a_huge_file_is_refused_by_its_size(self):
        big = self.path("big.py")
        with open(big, "wb") as f:
            f.truncate(5 * 1024 * 1024)
        self.refused(["run", big], "is too large for a program")

    def test_a_trace_given_as_a_program_is_recognised(self):
        trace = self.path("t.json")
        prog = self.path("p.py")
        with open(prog, "w") as f:
            f.write("print('x')\n")
        subprocess.run([LOOPLAB, "run", prog, "--trace", trace], capture_output=True, timeout=60)
        self.refused(["run", trace], "is a LoopLab trace, not a program")
        self.refused(["check-lesson", trace], "is a LoopLab trace, not a program")


class Input(unittest.TestCase):
    def test_stdin_is_empty_and_input_says_why_at_once(self):
        # Given an open pipe as stdin that never delivers (as a window's child once had), the
        # program still reads end-of-file at once instead of waiting for ever.
        with tempfile.TemporaryDirectory() as folder:
            prog = os.path.join(folder, "prog.py")
            with open(prog, "w") as f:
                f.write("import sys\nprint(repr(sys.stdin.readline()))\nname = input('name? ')\n")
            child = subprocess.Popen([LOOPLAB, "run", prog], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                status = child.wait(timeout=30)
            finally:
                if child.poll() is None:
                    child.kill()
                child.stdin.close()
            out, err = child.stdout.read(), child.stderr.read()
            child.stdout.close()
            child.stderr.close()
        self.assertEqual(status, 1)
        self.assertTrue(out.startswith("''\n"), out)
        self.assertIn("no keyboard", err)

    def test_stdin_is_an_empty_pipe_whatever_dev_null_is(self):
        # A machine's /dev/null may be an ordinary file holding what other programs wrote "to
        # /dev/null" (a CI run once read a concurrent lesson's "0.0 s: beat 0" as its input).
        # The worker's standard input is an empty pipe of its own: it never reads anybody's.
        status, out, err = run("""
            import os, stat
            info = os.fstat(0)
            print(stat.S_ISFIFO(info.st_mode), os.read(0, 100), os.read(0, 100))
            """)
        self.assertEqual(status, 0, err)
        self.assertEqual(out, "True b'' b''\n")


class TracePath(unittest.TestCase):
    def test_a_relative_trace_path_is_where_the_user_ran_looplab_even_after_os_chdir(self):
        with tempfile.TemporaryDirectory() as here, tempfile.TemporaryDirectory() as elsewhere:
            prog = os.path.join(here, "prog.py")
            with open(prog, "w") as f:
                f.write(f"import os\nos.chdir({elsewhere!r})\nprint('moved')\n")
            done = subprocess.run([LOOPLAB, "run", prog, "--trace", "t.json"], cwd=here,
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertTrue(os.path.exists(os.path.join(here, "t.json")))
            self.assertFalse(os.path.exists(os.path.join(elsewhere, "t.json")))


class ExitStatus(unittest.TestCase):
    def test_uncaught_exception_exits_1_with_a_python_traceback(self):
        status, out, err = run("""
            import asyncio
            async def main():
                print("before")
                raise ValueError("broken")
            asyncio.run(main())
        """)
        self.assertEqual(status, 1)
        self.assertEqual(out, "before\n")
        self.assertIn("Traceback (most recent call last):", err)
        self.assertTrue(err.rstrip().endswith("ValueError: broken"), err)
        self.assertIn("prog.py\", line 5, in main", err)

    def test_syntax_error_exits_1_naming_the_line(self):
        status, out, err = run("x = 1\nif x\n    print(x)\n")
        self.assertEqual(status, 1)
        self.assertIn("line 2", err)
        self.assertIn("SyntaxError", err)

    def test_a_programs_own_exit_status_is_never_one_of_looplabs(self):
        # sys.exit(3) is the program's status 3, not a deadlock (LoopLab's 3); sys.exit(5)
        # with a task still running is not "finished". Both exit 5 and say the program's N.
        for code in (3, 4, 5, 7, 255):
            status, out, err, trace = run_with_trace(f"import sys\nprint('hi')\nsys.exit({code})\n")
            self.assertEqual(status, 5, code)
            self.assertEqual(out, "hi\n", code)
            self.assertIn(f"looplab: the program exited with status {code} (sys.exit)", err)
            end = trace["events"][-1]
            self.assertEqual(end["e"], "end")
            self.assertEqual(end["info"]["status"], "exit", code)
            self.assertEqual(end["info"]["exit"], code)
        status, out, err, trace = run_with_trace("""
            import asyncio, sys
            async def main():
                asyncio.get_running_loop().create_task(asyncio.sleep(10))
                await asyncio.sleep(0)
                sys.exit(5)
            asyncio.run(main())
        """)
        self.assertEqual(status, 5)
        self.assertEqual(trace["events"][-1]["info"]["status"], "exit")
        self.assertNotIn("deadlock", err)

    def test_sys_exit_zero_or_none_is_a_normal_finish(self):
        for call in ("sys.exit()", "sys.exit(0)", "sys.exit(None)"):
            status, out, err = run(f"import sys\nprint('x')\n{call}\n")
            self.assertEqual((status, out, err), (0, "x\n", ""), call)

    def test_sys_exit_with_a_message_prints_it_and_is_status_1(self):
        status, out, err = run("import sys\nsys.exit('giving up')\n")
        self.assertEqual(status, 5)
        self.assertIn("giving up", err)
        self.assertIn("the program exited with status 1", err)

    def test_os_exit_is_the_programs_own_ending_not_an_outcome(self):
        for code in (0, 3, 4):
            status, out, err = run(f"import os\nos._exit({code})\n")
            self.assertEqual(status, 5, code)
            self.assertIn(f"ended the worker process itself with status {code} (os._exit)", err)

    def test_usage_errors_exit_2_with_one_line(self):
        for args in (["run", "/no/such/prog.py"], ["run"], ["run", __file__, "--nope"]):
            done = subprocess.run([LOOPLAB, *args], capture_output=True, text=True)
            self.assertEqual(done.returncode, 2, args)
            self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)
            self.assertTrue(done.stderr.startswith("looplab: "), done.stderr)

    def test_lock_order_deadlock_exits_3_and_names_the_cycle(self):
        status, out, err = run("""
            import asyncio
            first = asyncio.Lock()
            second = asyncio.Lock()
            async def left():
                async with first:
                    await asyncio.sleep(0.1)
                    async with second:
                        pass
            async def right():
                async with second:
                    await asyncio.sleep(0.1)
                    async with first:
                        pass
            async def main():
                await asyncio.gather(left(), right())
            asyncio.run(main())
        """)
        self.assertEqual(status, 3, err)
        lines = err.splitlines()
        self.assertTrue(lines[0].startswith("deadlock"), err)
        self.assertIn("Task-2 (left) at line 8: waits to acquire lock 'second', held by Task-3",
                      err)
        self.assertIn("Task-3 (right) at line 13: waits to acquire lock 'first', held by Task-2",
                      err)
        self.assertIn("cycle: Task-2 -> lock 'second' -> Task-3 -> lock 'first' -> Task-2", err)

    def test_queue_join_without_task_done_is_a_deadlock(self):
        status, out, err = run("""
            import asyncio
            async def main():
                jobs = asyncio.Queue()
                for n in range(3):
                    jobs.put_nowait(n)
                async def worker():
                    while True:
                        item = await jobs.get()
                        if item == 2:
                            continue
                        jobs.task_done()
                asyncio.create_task(worker())
                await jobs.join()
            asyncio.run(main())
        """)
        self.assertEqual(status, 3, err)
        self.assertIn("Task-1 (main) at line 14: waits in join() on queue 'jobs': "
                      "1 item(s) were put but never marked task_done()", err)

    def test_loop_that_never_yields_exits_4_naming_the_line(self):
        status, out, err = run("""
            import asyncio
            async def spin():
                while True:
                    pass
            asyncio.run(spin())
        """, timeout=300)
        self.assertEqual(status, 4, err)
        self.assertIn("budget exceeded", err)
        self.assertRegex(err, r"line [45]\)")

    def test_step_budget_exits_4(self):
        source = """
            import asyncio
            async def spinner():
                while True:
                    await asyncio.sleep(0)
            asyncio.run(spinner())
        """
        status, out, err = run(source, "--max-steps", "500")
        self.assertEqual(status, 4, err)
        self.assertIn("more than 500 loop steps", err)

    def test_event_budget_exits_4_and_keeps_the_trace_up_to_it(self):
        # The window holds every event of a run: past --max-events the run stops between two
        # callbacks, keeping what it recorded, instead of growing without bound.
        source = """
            import asyncio
            async def spinner():
                while True:
                    await asyncio.sleep(0)
            asyncio.run(spinner())
        """
        with tempfile.TemporaryDirectory() as folder:
            trace_path = os.path.join(folder, "trace.json")
            status, out, err = run(source, "--max-events", "3000", "--trace", trace_path)
            self.assertEqual(status, 4, err)
            self.assertIn("more than 3000 trace events (raise it with --max-events)", err)
            with open(trace_path) as f:
                events = json.load(f)["events"]
        self.assertEqual(events[-1]["e"], "end")
        self.assertEqual(events[-1]["info"]["status"], "budget")
        # Stopped at the first check past the limit: one callback's events at most beyond it.
        self.assertGreaterEqual(len(events), 3000)
        self.assertLess(len(events), 3000 + 20)

    def test_output_flood_exits_4(self):
        status, out, err = run("while True:\n    print('x' * 1000)\n")
        self.assertEqual(status, 4, err)
        self.assertIn("output flood", err)

    def test_runaway_memory_exits_4(self):
        status, out, err = run("hoard = []\nwhile True:\n    hoard.append(bytearray(50_000_000))\n")
        self.assertEqual(status, 4, err)
        self.assertIn("memory", err)

    def test_input_and_sockets_fail_clearly(self):
        status, out, err = run("input('name? ')\n")
        self.assertEqual(status, 1)
        self.assertIn("no keyboard", err)
        status, out, err = run("import socket\nsocket.socket()\n")
        self.assertEqual(status, 1)
        self.assertIn("not simulated", err)
        status, out, err = run("import subprocess\nsubprocess.run(['ls'])\n")
        self.assertEqual(status, 1)
        self.assertIn("not simulated", err)


class CutShort(unittest.TestCase):
    """A run that ends before asyncio.run returns keeps what it printed and what was recorded up
    to there: the trace streams to `looplab run` while the program runs (docs/trace-format.md)."""

    def run_traced(self, source, *flags):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "prog.py")
            trace = os.path.join(folder, "trace.json")
            with open(path, "w") as f:
                f.write(textwrap.dedent(source))
            start = time.monotonic()
            done = subprocess.run([LOOPLAB, "run", path, "--trace", trace, *flags],
                                  capture_output=True, text=True, timeout=120)
            elapsed = time.monotonic() - start
            self.assertEqual(sorted(os.listdir(folder)), ["prog.py", "trace.json"])  # no leftovers
            with open(trace) as f:
                return done.returncode, done.stdout, done.stderr, json.load(f), elapsed

    def test_os_exit_keeps_the_output_and_the_trace_up_to_the_call(self):
        status, out, err, trace, _ = self.run_traced("""
            import asyncio, os
            async def main():
                print("x")
                await asyncio.sleep(1)
                print("y")
                os._exit(0)
                print("never")
            asyncio.run(main())
        """)
        self.assertEqual(status, 5, err)
        self.assertEqual(out, "x\ny\n")
        end = trace["events"][-1]
        self.assertEqual(end["e"], "end")
        self.assertEqual((end["info"]["status"], end["info"]["exit"], end["info"]["how"]),
                         ("exit", 0, "os._exit"))
        self.assertEqual(end["t"] // 10**9, 1)
        prints = [e["text"] for e in trace["events"] if e["e"] == "print"]
        self.assertEqual(prints, ["x", "y"])
        self.assertEqual([e["line"] for e in trace["events"] if e["e"] == "line"][-1], 7)

    def test_a_crash_keeps_the_trace_up_to_the_crashing_line(self):
        status, out, err, trace, _ = self.run_traced("""
            import asyncio, ctypes
            async def main():
                for i in range(3):
                    await asyncio.sleep(0.5)
                    print("tick", i)
                ctypes.string_at(0)
            asyncio.run(main())
        """)
        self.assertEqual(status, 4, err)
        self.assertIn("looplab: the program crashed the interpreter (signal", err)
        self.assertEqual(out, "tick 0\ntick 1\ntick 2\n")
        events = trace["events"]
        self.assertEqual(events[-1]["e"], "end")
        self.assertEqual(events[-1]["info"]["status"], "crashed")
        self.assertEqual([e["text"] for e in events if e["e"] == "print"],
                         ["tick 0", "tick 1", "tick 2"])
        self.assertEqual([e["line"] for e in events if e["e"] == "line"][-1], 7)
        self.assertEqual(events[-1]["t"], 1500000000 + events[-1]["t"] % 10**6)

    def test_a_crash_keeps_the_output_in_time_order_without_a_trace_too(self):
        # The worker writes its output only at the end, sorted by virtual time; when it dies
        # first, `looplab run` writes the lines it was sent as they were printed, in that order.
        status, out, err = run("""
            import asyncio, ctypes, time
            def work():
                time.sleep(2)
                print("worker done")
            async def main():
                loop = asyncio.get_running_loop()
                job = loop.run_in_executor(None, work)
                await asyncio.sleep(0.5)
                print("loop at 0.5")
                await job
                print("half a line", end="")
                ctypes.string_at(0)
            asyncio.run(main())
        """, "--stamp")
        self.assertEqual(status, 4, err)
        self.assertIn("crashed the interpreter", err)
        self.assertEqual(out, "[0.500] loop at 0.5\n[2.000] worker done\n")

    def test_a_stop_signal_keeps_the_output_and_the_trace_up_to_that_moment(self):
        # Ctrl+C (SIGINT) or SIGTERM to `looplab run` (as the window's Cancel sends) stops the
        # worker as a spent budget does: status 6, the output and the trace kept, said why.
        for signal_number, how in ((signal.SIGINT, "interrupted"),
                                   (signal.SIGTERM, "asked to stop")):
            with self.subTest(how), tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, "prog.py")
                trace = os.path.join(folder, "trace.json")
                with open(path, "w") as f:
                    f.write(textwrap.dedent("""
                        import asyncio, os, select
                        async def main():
                            for i in range(3):
                                await asyncio.sleep(0.5)
                                print("tick", i)
                            os.write(1, b"waiting\\n")  # raw: reaches the test at once
                            select.select([], [], [], 60)
                        asyncio.run(main())
                    """))
                child = subprocess.Popen([LOOPLAB, "run", path, "--trace", trace],
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True)
                self.assertEqual(child.stdout.readline(), "waiting\n")
                child.send_signal(signal_number)
                out, err = child.communicate(timeout=30)
                self.assertEqual(child.returncode, 6, err)
                self.assertEqual(out, "tick 0\ntick 1\ntick 2\n")
                self.assertIn(f"looplab: the run was stopped before it ended ({how})", err)
                with open(trace) as f:
                    end = json.load(f)["events"][-1]
                self.assertEqual((end["e"], end["info"]["status"], end["info"]["signal"]),
                                 ("end", "stopped", signal_number))
                self.assertEqual(end["t"] // 10**6, 1500)

    def test_a_spent_real_time_budget_keeps_the_trace_up_to_the_blocking_call(self):
        status, out, err, trace, elapsed = self.run_traced("""
            import asyncio, select
            async def main():
                for i in range(3):
                    await asyncio.sleep(0.5)
                    print("tick", i)
                select.select([], [], [], 60)  # a real wait, outside the simulation
            asyncio.run(main())
        """, "--max-seconds", "2")
        self.assertEqual(status, 4, err)
        self.assertIn("more than 2 seconds of real time", err)
        self.assertEqual(out, "tick 0\ntick 1\ntick 2\n")
        self.assertLess(elapsed, 20)
        events = trace["events"]
        self.assertEqual(events[-1]["info"]["status"], "budget")
        self.assertEqual(len([e for e in events if e["e"] == "print"]), 3)
        self.assertEqual([e["line"] for e in events if e["e"] == "line"][-1], 7)


class RawOutputFlood(unittest.TestCase):
    """print() has a budget inside the simulation; raw writes to the descriptors are counted by
    `looplab run`, which forwards the worker's output (engine/record/OutputRelay)."""

    def test_os_write_floods_are_cut_at_the_limit_and_stop_the_run(self):
        for fd in (1, 2):
            with tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, "prog.py")
                with open(path, "w") as f:
                    f.write("import asyncio, os\nasync def main():\n    await asyncio.sleep(1)\n"
                            f"    while True:\n        os.write({fd}, b'x' * 65536)\n"
                            "asyncio.run(main())\n")
                start = time.monotonic()
                done = subprocess.run([LOOPLAB, "run", path], capture_output=True, timeout=120)
                self.assertLess(time.monotonic() - start, 60)
                self.assertEqual(done.returncode, 4)
                flooded = done.stdout if fd == 1 else done.stderr
                limit = 33 * 1024 * 1024  # 4 x the 8 MiB print budget + 1 MiB
                self.assertGreaterEqual(len(flooded), limit - 65536)
                self.assertLessEqual(len(flooded), limit + 4096)
                self.assertIn(b"looplab: budget exceeded: the program wrote more than 33 MiB "
                              b"straight to its standard output or error (os.write)",
                              done.stderr)


class CancelRequest(unittest.TestCase):
    def test_a_wake_whose_awaited_future_was_cancelled_is_marked(self):
        status, out, err, trace = run_with_trace("""
            import asyncio
            async def holder(lock):
                async with lock:
                    await asyncio.sleep(5)
            async def waiter(lock):
                async with lock:
                    pass
            async def main():
                lock = asyncio.Lock()
                h = asyncio.create_task(holder(lock), name="holder")
                await asyncio.sleep(0)
                w = asyncio.create_task(waiter(lock), name="waiter")
                await asyncio.sleep(1)
                w.cancel()
                try:
                    await w
                except asyncio.CancelledError:
                    pass
                h.cancel()
            asyncio.run(main())
        """)
        self.assertEqual(status, 0, err)
        names = {e["task"]: e["name"] for e in trace["events"] if e["e"] == "task"}
        cancelled = [names[e["task"]] for e in trace["events"]
                     if e["e"] == "ready" and e.get("cancel") == 1]
        # The lock waiter and the sleeper were cancelled; main, woken by a task that ended
        # cancelled, was not.
        self.assertEqual(cancelled, ["waiter", "holder"])


class SemaphoreHandOver(unittest.TestCase):
    def test_a_release_that_hands_the_permit_over_names_the_waiter_as_the_new_holder(self):
        # Python 3.11.1+ takes the permit for the first waiter inside release(): the trace must
        # say the waiter holds it, not the releasing task that runs that code.
        status, out, err, trace = run_with_trace("""
            import asyncio
            async def worker(sem):
                async with sem:
                    await asyncio.sleep(1)
            async def main():
                sem = asyncio.Semaphore(1)
                await asyncio.gather(worker(sem), worker(sem))
            asyncio.run(main())
        """)
        self.assertEqual(status, 0, err)
        names = {e["task"]: e["name"] for e in trace["events"] if e["e"] == "task"}
        changes = [(e["t"] // 10**9, {k: names[v] for k, v in e["state"].items()
                                      if k in ("acquired", "released")})
                   for e in trace["events"] if e["e"] == "sync" and e["state"]["kind"] == "semaphore"]
        changes = [c for c in changes if c[1]]
        self.assertEqual(changes, [(0, {"acquired": "Task-2"}),
                                   (1, {"released": "Task-2", "acquired": "Task-3"}),
                                   (2, {"released": "Task-3"})])


class Trace(unittest.TestCase):
    SOURCE = """
        import asyncio
        async def worker(name, delay):
            await asyncio.sleep(delay)
            return name
        async def main():
            a = asyncio.create_task(worker("A", 2), name="A")
            b = asyncio.create_task(worker("B", 1), name="B")
            print(await a, await b)
        asyncio.run(main())
    """

    def test_trace_is_versioned_and_records_tasks_and_waits(self):
        status, out, err, trace = run_with_trace(self.SOURCE)
        self.assertEqual(status, 0, err)
        self.assertEqual(trace["format"], "looplab-trace")
        self.assertEqual(trace["version"], 1)
        events = trace["events"]
        created = [(e["task"], e["name"], e["coro"], e["line"]) for e in events if e["e"] == "task"]
        # asyncio.create_task(name=...) names the task right after making it: the trace has
        # the given name from the start, and no rename
        self.assertEqual(created[:3], [(1, "Task-1", "main", 10), (2, "A", "worker", 7),
                                       (3, "B", "worker", 8)])
        renames = [(e["task"], e["name"]) for e in events if e["e"] == "rename"]
        self.assertEqual(renames, [])
        sleeps = [(e["task"], e["info"]["wait"]["kind"], e["info"]["wait"]["until"])
                  for e in events if e["e"] == "yield" and e["task"] in (2, 3)]
        # 4 module lines, 3 lines of main, then each worker's first line: 100 ns apiece
        self.assertEqual(sleeps, [(2, "sleep", 2_000_000_800), (3, "sleep", 1_000_000_900)])
        timers = [(e["task"], e["when"]) for e in events if e["e"] == "timer"]
        self.assertEqual(timers, [(2, 2_000_000_800), (3, 1_000_000_900)])
        # B's wake-up was caused by its sleep timer's callback, main's by A's last step
        wakes = {e["task"]: e["by"] for e in events if e["e"] == "ready" and e["what"] == "wake"}
        timer_of_b = [e["h"] for e in events if e["e"] == "timer" and e["task"] == 3][0]
        last_step_of_a = [e["h"] for e in events if e["e"] == "step" and e["task"] == 2][-1]
        self.assertEqual(wakes[3], timer_of_b)
        self.assertEqual(wakes[1], last_step_of_a)
        steps = [(e["task"], e["t"]) for e in events if e["e"] == "step" and e["task"] in (2, 3)]
        self.assertEqual(steps, [(2, 700), (3, 800), (3, 1_000_000_900), (2, 2_000_001_000)])
        main_wait = [e["info"] for e in events if e["e"] == "yield" and e["task"] == 1][0]
        self.assertEqual(main_wait["wait"], {"kind": "task", "task": 2, "name": "A"})
        self.assertEqual(main_wait["chain"], ["main"])
        self.assertEqual(main_wait["locals"]["b"], "<Task B>")
        done = {e["task"]: e["info"] for e in events if e["e"] == "done"}
        self.assertEqual(done[2], {"state": "finished", "result": "'A'"})
        self.assertEqual(events[-1]["e"], "end")
        self.assertEqual(events[-1]["info"]["status"], "finished")

    def test_shield_and_taskgroup_waits_name_what_they_wait_for(self):
        status, out, err, trace = run_with_trace("""
            import asyncio
            async def save():
                await asyncio.sleep(2)
            async def nap(seconds):
                await asyncio.sleep(seconds)
            async def main():
                saving = asyncio.create_task(save(), name="save")
                await asyncio.shield(saving)
                async with asyncio.TaskGroup() as group:
                    group.create_task(nap(1), name="one")
                    group.create_task(nap(2), name="two")
            asyncio.run(main())
        """)
        self.assertEqual(status, 0, err)
        events = trace["events"]
        # (TaskGroup.create_task names its task after creating it: a rename event.)
        ids = {e["name"]: e["task"] for e in events if e["e"] in ("task", "rename")}
        waits = [e["info"]["wait"] for e in events if e["e"] == "yield" and e["task"] == 1]
        self.assertEqual(waits[0], {"kind": "shield", "task": ids["save"], "name": "save"})
        # The end of the async-with block waits for both children (and is woken only once the
        # last one is done, so main yields there once).
        self.assertEqual(waits[1:], [{"kind": "taskgroup", "tasks": [ids["one"], ids["two"]]}])

    def test_ready_queue_can_be_replayed(self):
        # After main's first step, the ready queue holds exactly A's and B's first steps.
        status, out, err, trace = run_with_trace(self.SOURCE)
        ready = []
        for e in trace["events"]:
            if e["e"] in ("ready", "due"):
                ready.append(e["h"])
            elif e["e"] == "run":
                ready.remove(e["h"])
            elif e["e"] == "yield" and e["task"] == 1:
                break
        whats = {e["h"]: e["what"] for e in trace["events"] if e["e"] in ("ready", "timer")}
        tasks = {e["h"]: e.get("task") for e in trace["events"] if e["e"] in ("ready", "timer")}
        self.assertEqual([(whats[h], tasks[h]) for h in ready], [("step", 2), ("step", 3)])

    def test_network_waits_name_the_url_and_the_connection_limit(self):
        status, out, err, trace = run_with_trace("""
            import asyncio, aiohttp
            async def fetch(session, n):
                async with session.get(f"https://example.com/delay/{n}") as response:
                    return response.status
            async def main():
                connector = aiohttp.TCPConnector(limit=1)
                async with aiohttp.ClientSession(connector=connector) as session:
                    print(await asyncio.gather(fetch(session, 1), fetch(session, 2)))
            asyncio.run(main())
        """, "--line-cost", "0")
        self.assertEqual((status, out), (0, "[200, 200]\n"), err)
        waits = [(e["task"], e["info"]["wait"]) for e in trace["events"]
                 if e["e"] == "yield" and e["task"] in (2, 3)]
        self.assertEqual(waits[0], (2, {"kind": "network", "until": 1_000_000_000,
                                        "url": "https://example.com/delay/1"}))
        self.assertEqual(waits[1][1]["kind"], "semaphore")
        self.assertEqual(waits[1][1]["name"], "connection limit")
        self.assertEqual(waits[2], (3, {"kind": "network", "until": 3_000_000_000,
                                        "url": "https://example.com/delay/2"}))

    def test_deadlock_report_is_in_the_trace(self):
        status, out, err, trace = run_with_trace("""
            import asyncio
            async def main():
                await asyncio.get_running_loop().create_future()
            asyncio.run(main())
        """)
        self.assertEqual(status, 3)
        end = trace["events"][-1]["info"]
        self.assertEqual(end["status"], "deadlock")
        self.assertEqual(end["deadlock"]["tasks"][0]["name"], "Task-1")
        self.assertEqual(end["deadlock"]["tasks"][0]["wait"]["kind"], "future")


if __name__ == "__main__":
    LOOPLAB = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
