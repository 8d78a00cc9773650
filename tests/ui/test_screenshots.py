"""Screenshot smoke test: the window renders a lesson and three programs to PNG without a display, at a
laptop size and a projector size, in each theme. Checks the PNGs' size and that they are not
blank. Usage: python3 test_screenshots.py PATH/TO/looplab"""

import os
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROGRAMS = os.path.join(ROOT, "tests", "fidelity", "programs")
CASES = [(os.path.join(ROOT, "lessons", "01_sync_vs_async.py"), 30, "1280x720", "light"),
         ("02_sequential_vs_gather.py", 30, "1280x720", "light"),
         ("39_deadlock_lock_order.py", 25, "1920x1080", "dark"),
         ("30_run_in_executor.py", 40, "1280x720", "light"),
         (os.path.join(ROOT, "lessons", "05_gather.py"), 40, "1280x720", "high-contrast")]


def png_info(path):
    """(width, height, number of distinct bytes in the first rows): enough to spot a blank."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    chunks, pos = [], 8
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels[:200_000]))


def main():
    looplab = sys.argv[1]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as folder:
        for program, step, size, theme in CASES:
            out = os.path.join(folder, os.path.basename(program) + ".png")
            done = subprocess.run([looplab, os.path.join(PROGRAMS, program), "--step", str(step),
                                   "--screenshot", out, "--size", size, "--theme", theme],
                                  capture_output=True, text=True, timeout=120,
                                  env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
            problems = []
            if done.returncode != 0:
                problems.append(f"exit {done.returncode}: {done.stderr.strip()}")
            elif not os.path.exists(out):
                problems.append("no PNG written")
            else:
                width, height, distinct = png_info(out)
                if f"{width}x{height}" != size:
                    problems.append(f"size {width}x{height}, expected {size}")
                if distinct < 20:
                    problems.append(f"looks blank ({distinct} distinct byte values)")
            if problems:
                failed += 1
                print(f"FAIL {program}: {'; '.join(problems)}")
            else:
                passed += 1
                print(f"ok   {program} at {size}, {theme}")
    print(f"screenshots: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
