"""End-to-end tests of `looplab export PROGRAM.py -o WALK.mp4|.webm|.gif`: the film is read back
with FFmpeg (video_probe): as many frames as steps × frames per step, the size asked, the task
moves animated within a step and settled by its end, the same bytes every time; bad requests
exit 2 with one line and leave no file.
Usage: python3 test_walkthrough_cli.py PATH/TO/looplab PATH/TO/video_probe"""

import os
import re
import subprocess
import sys
import tempfile
import textwrap
import unittest

LOOPLAB = None
PROBE = None

# Three tasks that take turns at a lock and a timer: each step moves one of them between the
# timers, the ready queue, the thread and the waiting tasks.
PROGRAM = """
import asyncio

async def worker(name, seconds, lock):
    async with lock:
        await asyncio.sleep(seconds)
    print(name, "done")

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(
        asyncio.create_task(worker("alpha", 1, lock), name="alpha"),
        asyncio.create_task(worker("beta", 2, lock), name="beta"),
        asyncio.create_task(asyncio.sleep(0.5), name="napper"))
    print("all done")

asyncio.run(main())
"""


class Walkthrough(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="looplab-walk-")
        cls.program = os.path.join(cls.folder, "prog.py")
        with open(cls.program, "w") as f:
            f.write(textwrap.dedent(PROGRAM))
        # Fresh settings: animations on (no Reduce motion), the light theme.
        cls.env = dict(os.environ, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="looplab-walk-cfg-"),
                       XDG_DATA_HOME=tempfile.mkdtemp(prefix="looplab-walk-data-"))

    def export(self, output, *flags):
        path = os.path.join(self.folder, output)
        done = subprocess.run([LOOPLAB, "export", self.program, "-o", path, *flags],
                              capture_output=True, text=True, timeout=300, env=self.env)
        return done.returncode, done.stderr, path

    def probe(self, path, *flags):
        done = subprocess.run([PROBE, path, *flags], capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        lines = done.stdout.splitlines()
        codec, frames, size, fps = lines[0].split()
        return codec, int(frames), size, float(fps), lines[1:]

    def assert_refused(self, output, flags, message):
        code, err, path = self.export(output, *flags)
        self.assertEqual(code, 2, err)
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertIn(message, err)
        self.assertFalse(os.path.exists(path), "a refused export left " + path)
        return err

    def last_step(self):
        err = self.assert_refused("range.mp4", ["--to-step", "100000"],
                                  "--to-step 100000 is past the end of")
        return int(re.search(r"its steps are 0 to (\d+)$", err.strip()).group(1))

    def test_videos_decode_to_every_frame_at_the_size_asked(self):
        for output, codec in (("walk.mp4", "h264"), ("walk.webm", "vp9")):
            with self.subTest(output):
                code, err, path = self.export(output, "--from-step", "3", "--to-step", "7",
                                              "--fps", "4", "--size", "800x540")
                self.assertEqual((code, err), (0, ""))
                self.assertEqual(self.probe(path)[:4], (codec, 5 * 4, "800x540", 4.0))

    def test_gif_is_an_animated_gif_with_a_frame_per_tick(self):
        code, err, path = self.export("walk.gif", "--from-step", "1", "--to-step", "4", "--fps",
                                      "5", "--size", "801x541")  # a GIF takes odd sizes
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(self.probe(path)[:3], ("gif", 4 * 5, "801x541"))
        with open(path, "rb") as f:
            data = f.read()
        self.assertEqual(data[:6], b"GIF89a")
        self.assertIn(b"NETSCAPE2.0", data)  # loops
        delays = [data[m.start() + 4] for m in re.finditer(b"\x21\xf9\x04", data)]
        self.assertEqual(delays, [20] * 20)  # 5 frames a second: 20 hundredths each

    def test_the_whole_run_by_default(self):
        last = self.last_step()
        self.assertGreater(last, 10)
        code, err, path = self.export("whole.mp4", "--fps", "1")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(self.probe(path)[:3], ("h264", last + 1, "1280x720"))

    def test_task_moves_glide_within_a_step_and_settle_the_same_every_time(self):
        fps = 10
        code, err, path = self.export("moves.gif", "--to-step", "39", "--fps", str(fps),
                                      "--size", "800x540")
        self.assertEqual((code, err), (0, ""))
        hashes = self.probe(path, "--hashes")[4]
        self.assertEqual(len(hashes), 40 * fps)
        steps = [hashes[s * fps:(s + 1) * fps] for s in range(40)]
        # A glide takes 450 ms and a highlight fades in 700 ms: the last frames of every step
        # are the same picture, and in some steps the first frames differ from it.
        for s, frames in enumerate(steps):
            self.assertEqual(len(set(frames[7:])), 1, "step %d still moves at its end" % s)
        moving = [s for s, frames in enumerate(steps) if len(set(frames[:7])) > 2]
        self.assertGreater(len(moving), 3, moving)
        # Frames follow the film's clock, not how long rendering took: the same bytes again.
        code, err, again = self.export("moves-again.gif", "--to-step", "39", "--fps", str(fps),
                                       "--size", "800x540")
        self.assertEqual(code, 0, err)
        with open(path, "rb") as a, open(again, "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_present_films_the_projector_layout(self):
        code, err, desk = self.export("desk.gif", "--to-step", "0", "--fps", "1")
        self.assertEqual(code, 0, err)
        code, err, room = self.export("room.gif", "--to-step", "0", "--fps", "1", "--present")
        self.assertEqual(code, 0, err)
        desk_probe, room_probe = self.probe(desk, "--hashes"), self.probe(room, "--hashes")
        self.assertEqual(room_probe[:3], ("gif", 1, "1280x720"))
        self.assertNotEqual(desk_probe[4], room_probe[4])

    def test_bad_requests_exit_2_with_one_line(self):
        self.assert_refused("walk.avi", [], "unknown extension (use .png, .svg, .pdf, .csv, "
                            ".json, .mp4, .webm or .gif)")
        err = self.assert_refused(os.path.join("prog.py", "walk.mp4"), [], "cannot write")
        self.assertIn("Not a directory", err)
        self.assert_refused("late.gif", ["--from-step", "100000"],
                            "--from-step 100000 is past the end of")
        self.assert_refused("back.mp4", ["--from-step", "5", "--to-step", "2"],
                            "--to-step must not be before --from-step")
        self.assert_refused("fast.mp4", ["--fps", "0"], "--fps needs frames per second")
        self.assert_refused("odd.mp4", ["--size", "641x360"], "needs an even width and height")
        self.assert_refused("still.png", ["--fps", "5"], "--fps is for a walkthrough")
        self.assert_refused("still.png", ["--present"], "--present is for a walkthrough")
        self.assert_refused("tiny.mp4", ["--size", "640x360"],
                            "the window cannot be filmed at 640x360: it needs at least 640x")


if __name__ == "__main__":
    LOOPLAB, PROBE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
