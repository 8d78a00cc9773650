"""End-to-end tests of `looplab export`: every format is written without a display and read
back (PNG size and content, SVG as XML with every task's name, one PDF page, CSV intervals that
cover each task's life without overlaps, Chrome JSON with one named thread per row and
non-overlapping complete events). Usage: python3 test_export_cli.py PATH/TO/looplab"""

import csv
import json
import os
import struct
import subprocess
import sys
import tempfile
import textwrap
import unittest
import xml.etree.ElementTree as ET
import zlib

LOOPLAB = None

PROGRAM = """
import asyncio

async def worker(name, seconds, lock):
    async with lock:
        await asyncio.sleep(seconds)
    print(name, "done")

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(
        asyncio.create_task(worker("alpha", 1, lock), name="alpha, the first"),
        asyncio.create_task(worker("beta", 2, lock), name="beta"),
        asyncio.create_task(asyncio.sleep(0.5), name="napper"))
    print("all done")

asyncio.run(main())
"""


def export(folder, output, *flags, program=PROGRAM):
    path = os.path.join(folder, "prog.py")
    with open(path, "w") as f:
        f.write(textwrap.dedent(program))
    done = subprocess.run([LOOPLAB, "export", path, "-o", os.path.join(folder, output), *flags],
                          capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr


def png_pixels(path):
    """Decodes an 8-bit RGBA or RGB PNG (what Qt writes) into (width, height, rows)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8, depth
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            up_left = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


class Pictures(unittest.TestCase):
    def test_png_has_the_size_and_is_not_blank(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.png", "--size", "1280x720")
            self.assertEqual(status, 0, err)
            width, height, channels, rows = png_pixels(os.path.join(folder, "t.png"))
            self.assertEqual((width, height), (1280, 720))
            colours = {rows[y][x:x + 3] for y in range(0, height, 4)
                       for x in range(0, width * channels, channels * 4)}
            # Background, text, running blue, waiting sky blue and its hatching at least.
            self.assertGreater(len(colours), 5)

    def test_png_at_twice_the_pixel_ratio_doubles_the_pixels(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.png", "--size", "640x360", "--dpr", "2")
            self.assertEqual(status, 0, err)
            width, height, _, _ = png_pixels(os.path.join(folder, "t.png"))
            self.assertEqual((width, height), (1280, 720))

    def test_every_view_renders_in_both_themes(self):
        with tempfile.TemporaryDirectory() as folder:
            for view in ("timeline", "concurrency", "breakdown"):
                for theme in ("light", "dark"):
                    name = f"{view}-{theme}.png"
                    status, err = export(folder, name, "--view", view, "--theme", theme,
                                         "--size", "800x450")
                    self.assertEqual(status, 0, f"{view} {theme}: {err}")
                    _, _, channels, rows = png_pixels(os.path.join(folder, name))
                    self.assertGreater(len({rows[y][x:x + 3] for y in range(0, 450, 3)
                                            for x in range(0, 800 * channels, channels * 3)}),
                                       3, name)

    def test_svg_is_xml_with_text_naming_every_task(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.svg")
            self.assertEqual(status, 0, err)
            root = ET.parse(os.path.join(folder, "t.svg")).getroot()
            texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
            for name in ("Task-1", "alpha, the first", "beta", "napper", "virtual s", "running"):
                self.assertIn(name, texts)

    def test_pdf_has_exactly_one_page(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.pdf", "--view", "concurrency")
            self.assertEqual(status, 0, err)
            with open(os.path.join(folder, "t.pdf"), "rb") as f:
                data = f.read()
            self.assertTrue(data.startswith(b"%PDF-"))
            pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page\r") + \
                data.count(b"/Type /Page/") + data.count(b"/Type /Page ")
            self.assertEqual(pages, 1, "one /Type /Page object")


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


class Data(unittest.TestCase):
    def test_csv_intervals_cover_each_task_without_overlap(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.csv")
            self.assertEqual(status, 0, err)
            rows = read_csv(os.path.join(folder, "t.csv"))
            self.assertEqual(rows[0], ["task", "state", "detail", "start_s", "end_s"])
            by_task, extras = {}, {}
            for task, state, detail, start, end in rows[1:]:
                # Held resources and marks overlap the states; they are lines of their own.
                target = extras if state in ("holds", "mark") else by_task
                target.setdefault(task, []).append((float(start), float(end), state, detail))
            self.assertIn("alpha, the first", by_task)  # the comma survived quoting
            # The event loop's own row comes first; between its steps it may do bookkeeping
            # that takes no recorded state, so only task rows must be gapless.
            self.assertEqual(rows[1][0], "event loop")
            loop = by_task.pop("event loop")
            self.assertTrue(any(state == "running" and detail == "beta" for _, _, state, detail in loop))
            for task, spans in by_task.items():
                for (s0, e0, _, _), (s1, e1, _, _) in zip(spans, spans[1:]):
                    self.assertLessEqual(e0, s1, task)
                    self.assertEqual(e0, s1, f"{task}: a gap between {e0} and {s1}")
            # beta waits for the lock alpha holds for 1 s, then sleeps 2 s: it ends at 3 s.
            # (Each executed line costs 100 virtual ns, hence "about".)
            self.assertAlmostEqual(by_task["beta"][-1][1], 3.0, places=3)
            self.assertTrue(any(state == "waiting" and detail == "lock"
                                for _, _, state, detail in by_task["beta"]))
            # alpha holds the lock for about 1 s, and both tasks end with a "finished" mark.
            holds = [(s, e) for s, e, state, _ in extras["alpha, the first"] if state == "holds"]
            self.assertEqual(len(holds), 1)
            self.assertAlmostEqual(holds[0][1] - holds[0][0], 1.0, places=3)
            for task in ("alpha, the first", "beta"):
                self.assertIn(("mark", "finished"),
                              [(state, detail) for _, _, state, detail in extras[task]])

    def test_csv_window_keeps_only_that_stretch(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.csv", "--from", "1", "--to", "2")
            self.assertEqual(status, 0, err)
            for _, _, _, start, end in read_csv(os.path.join(folder, "t.csv"))[1:]:
                self.assertGreaterEqual(float(start), 1.0)
                self.assertLessEqual(float(end), 2.0)

    def test_chrome_json_has_named_threads_and_disjoint_complete_events(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.json")
            self.assertEqual(status, 0, err)
            with open(os.path.join(folder, "t.json")) as f:
                trace = json.load(f)
            events = trace["traceEvents"]
            names = {e["tid"]: e["args"]["name"] for e in events
                     if e["ph"] == "M" and e["name"] == "thread_name"}
            self.assertEqual(sorted(names.values()),
                             sorted(["Task-1", "alpha, the first", "beta", "napper", "event loop"]))
            # alpha holds the lock as an async slice; each wait names its kind.
            holds = [e for e in events if e.get("cat") == "holds"]
            self.assertEqual([e["ph"] for e in holds], ["b", "e", "b", "e"])  # alpha, then beta
            self.assertEqual(holds[0]["name"], "holds lock lock")
            self.assertTrue(any(e["ph"] == "X" and e["name"] == "waiting: lock"
                                and e["args"]["kind"] == "lock" for e in events))
            by_tid = {}
            for e in events:
                if e["ph"] == "X":
                    self.assertIn(e["tid"], names)
                    by_tid.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"]))
            for tid, spans in by_tid.items():
                spans.sort()
                for (s0, e0), (s1, e1) in zip(spans, spans[1:]):
                    self.assertLessEqual(e0, s1 + 1e-9, names[tid])
            prints = [e for e in events if e["ph"] == "i" and e["name"] == "print"]
            self.assertEqual(len(prints), 3)
            self.assertTrue(any(e["ph"] == "i" and e["name"] == "woken" for e in events))


class Errors(unittest.TestCase):
    def test_unknown_extension_is_one_line_and_exit_2(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.bmp")
            self.assertEqual(status, 2)
            self.assertIn("unknown extension", err)
            self.assertEqual(len(err.strip().splitlines()), 1, err)

    def test_unwritable_path_is_one_line_and_exit_2(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "no/such/folder/t.png")
            self.assertEqual(status, 2)
            self.assertIn("cannot write", err)
            self.assertEqual(len(err.strip().splitlines()), 1, err)
            self.assertFalse(os.path.exists(os.path.join(folder, "no")))

    def test_a_failing_program_still_exports_what_happened(self):
        with tempfile.TemporaryDirectory() as folder:
            status, err = export(folder, "t.csv", program="""
                import asyncio
                async def main():
                    await asyncio.sleep(1)
                    raise ValueError("boom")
                asyncio.run(main())
            """)
            self.assertEqual(status, 0, err)
            rows = read_csv(os.path.join(folder, "t.csv"))
            self.assertAlmostEqual(float(rows[-1][4]), 1.0, places=3)

    def test_a_recorded_trace_can_be_exported(self):
        with tempfile.TemporaryDirectory() as folder:
            program = os.path.join(folder, "prog.py")
            with open(program, "w") as f:
                f.write(textwrap.dedent(PROGRAM))
            trace = os.path.join(folder, "trace.json")
            subprocess.run([LOOPLAB, "run", program, "--trace", trace], capture_output=True,
                           timeout=120)
            out = os.path.join(folder, "t.csv")
            done = subprocess.run([LOOPLAB, "export", trace, "-o", out], capture_output=True,
                                  text=True, timeout=120)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(len(read_csv(out)[0]), 5)

    def test_an_unreadable_trace_says_why(self):
        with tempfile.TemporaryDirectory() as folder:
            bad = os.path.join(folder, "bad.json")
            with open(bad, "w") as f:
                f.write("{not json")
            done = subprocess.run([LOOPLAB, "export", bad, "-o", os.path.join(folder, "t.png")],
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(done.returncode, 2)
            self.assertIn("cannot export", done.stderr)
            self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)

    def export_bytes(self, folder, source):
        path = os.path.join(folder, "prog.py")
        with open(path, "wb") as f:
            f.write(source)
        out = os.path.join(folder, "t.png")
        done = subprocess.run([LOOPLAB, "export", path, "-o", out], capture_output=True,
                              text=True, timeout=120)
        return done, out

    def test_a_program_that_never_ran_is_an_error_not_an_empty_picture(self):
        for source, expected in ((b"def f(:\n", "SyntaxError: invalid syntax"),
                                 (b'x = "caf\xe9"\nprint(x)\n', "SyntaxError")):
            with tempfile.TemporaryDirectory() as folder:
                done, out = self.export_bytes(folder, source)
                self.assertEqual(done.returncode, 1, done.stderr)
                self.assertIn("the program did not run: " + expected, done.stderr)
                self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)
                self.assertFalse(os.path.exists(out))

    def test_a_latin1_program_with_its_coding_cookie_runs_as_python_reads_it(self):
        with tempfile.TemporaryDirectory() as folder:
            done, out = self.export_bytes(
                folder, b'# -*- coding: latin-1 -*-\nx = "caf\xe9"\nprint(x)\n')
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertTrue(os.path.getsize(out) > 0)

    def test_a_trace_with_events_out_of_order_is_refused(self):
        with tempfile.TemporaryDirectory() as folder:
            prog = os.path.join(folder, "prog.py")
            with open(prog, "w") as f:
                f.write(textwrap.dedent(PROGRAM))
            trace = os.path.join(folder, "t.json")
            subprocess.run([LOOPLAB, "run", prog, "--trace", trace], capture_output=True,
                           timeout=120)
            with open(trace) as f:
                document = json.load(f)
            document["events"].reverse()
            with open(trace, "w") as f:
                json.dump(document, f)
            done = subprocess.run([LOOPLAB, "export", trace, "-o", os.path.join(folder, "t.png")],
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(done.returncode, 2, done.stderr)
            self.assertIn("which no earlier event created", done.stderr)
            self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)


if __name__ == "__main__":
    LOOPLAB = sys.argv.pop(1)
    unittest.main()
