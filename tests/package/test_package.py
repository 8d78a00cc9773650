"""The Debian package, built and checked as a user would get it.

Builds looplab_<version>_amd64.deb with cpack from the build folder, unpacks it with
`dpkg-deb -x` into a scratch root (nothing is installed on the machine), and checks that the
unpacked program finds its own lessons and Python package, that the desktop entry and the
AppStream metadata validate, and that every lintian finding is listed in docs/packaging.md.

Usage: python3 test_package.py BUILD_DIR SOURCE_DIR VERSION
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

BUILD, SOURCE, VERSION = (sys.argv[1:4] if len(sys.argv) >= 4 else ("", "", ""))
APP_ID = "io.github.looplab.LoopLab"


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)


class Package(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.mkdtemp(prefix="looplab-package-")
        built = run("cpack", "-G", "DEB", "--config", os.path.join(BUILD, "CPackConfig.cmake"),
                    "-B", cls.scratch)
        if built.returncode != 0:
            raise AssertionError("cpack failed:\n" + built.stdout + built.stderr)
        cls.deb = os.path.join(cls.scratch, f"looplab_{VERSION}_amd64.deb")
        cls.root = os.path.join(cls.scratch, "root")
        unpacked = run("dpkg-deb", "-x", cls.deb, cls.root)
        if unpacked.returncode != 0:
            raise AssertionError("dpkg-deb -x failed:\n" + unpacked.stderr)
        cls.looplab = os.path.join(cls.root, "usr", "bin", "looplab")
        cls.share = os.path.join(cls.root, "usr", "share")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.scratch, ignore_errors=True)

    def field(self, name):
        return run("dpkg-deb", "-f", self.deb, name).stdout.strip()

    def test_is_named_and_versioned_as_debian_expects(self):
        self.assertTrue(os.path.isfile(self.deb), os.listdir(self.scratch))
        self.assertEqual(self.field("Package"), "looplab")
        self.assertEqual(self.field("Version"), VERSION)
        self.assertEqual(self.field("Architecture"), "amd64")

    def test_depends_on_the_libraries_the_binary_links(self):
        depends = self.field("Depends")
        for library in ("libqt6widgets6", "libpython3.11", "libqscintilla2-qt6"):
            self.assertIn(library, depends)

    def test_installs_everything_under_usr(self):
        expected = [
            "usr/bin/looplab",
            "usr/share/looplab/lessons/01_sync_vs_async.py",
            "usr/share/looplab/python/looplab_engine/__init__.py",
            f"usr/share/applications/{APP_ID}.desktop",
            f"usr/share/metainfo/{APP_ID}.metainfo.xml",
            f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
            f"usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
            f"usr/share/icons/hicolor/256x256/apps/{APP_ID}.png",
            "usr/share/man/man1/looplab.1.gz",
            "usr/share/doc/looplab/copyright",
            "usr/share/doc/looplab/changelog.gz",
        ]
        for path in expected:
            with self.subTest(path=path):
                self.assertTrue(os.path.isfile(os.path.join(self.root, path)), path)
        self.assertEqual(sorted(os.listdir(self.root)), ["usr"])

    def test_the_unpacked_looplab_runs_an_unpacked_lesson(self):
        lesson = sorted(glob.glob(os.path.join(self.share, "looplab", "lessons", "*.py")))[0]
        done = run(self.looplab, "run", lesson, "--stamp", cwd=self.scratch)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout, r"^\[0\.000\] ")

    def test_every_unpacked_lesson_passes_its_check_with_the_unpacked_python_package(self):
        # Every question is answered from a run, so this runs every lesson (simulated network
        # and executors included) with the package's own looplab_engine and looplab_sim.
        lessons = sorted(glob.glob(os.path.join(self.share, "looplab", "lessons", "*.py")))
        done = run(self.looplab, "check-lesson", *lessons, cwd=self.scratch)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(done.stdout, "".join(f"{lesson}: ok\n" for lesson in lessons))

    def test_the_unpacked_looplab_lists_its_own_lessons_by_absolute_path(self):
        done = run(self.looplab, "lessons", cwd="/")
        self.assertEqual(done.returncode, 0, done.stderr)
        rows = [line.split("\t") for line in done.stdout.splitlines()]
        self.assertGreaterEqual(len(rows), 14)
        lessons = os.path.realpath(os.path.join(self.share, "looplab", "lessons"))
        for row in rows:
            with self.subTest(lesson=row[0]):
                self.assertTrue(os.path.isabs(row[2]), row[2])
                self.assertEqual(os.path.dirname(row[2]), lessons)
                self.assertTrue(os.path.isfile(row[2]), row[2])

    def test_the_unpacked_window_opens_on_its_own_first_lesson(self):
        # No program named: the window opens the first lesson it finds beside itself.
        shot = os.path.join(self.scratch, "window.png")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "XDG_CONFIG_HOME": os.path.join(self.scratch, "config"),
               "XDG_DATA_HOME": os.path.join(self.scratch, "data")}
        done = run(self.looplab, "--screenshot", shot, "--size", "1280x720", env=env)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(shot, "rb") as png:
            self.assertEqual(png.read(8), b"\x89PNG\r\n\x1a\n")

    def test_the_binary_has_no_path_of_the_source_or_build_tree_in_it(self):
        with open(self.looplab, "rb") as binary:
            content = binary.read()
        for tree in (SOURCE, BUILD):
            self.assertNotIn(os.path.realpath(tree).encode(), content)

    def test_version_and_help(self):
        done = run(self.looplab, "--version")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout, rf"^looplab {re.escape(VERSION)} \(Python 3\.\d+\.\d+\)\n$")
        self.assertIn("looplab lessons", run(self.looplab, "--help").stdout)

    def test_the_desktop_entry_validates_and_starts_looplab_with_a_file(self):
        entry = os.path.join(self.share, "applications", f"{APP_ID}.desktop")
        done = run("desktop-file-validate", entry)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(done.stdout + done.stderr, "")
        with open(entry, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("\nExec=looplab %f\n", text)
        self.assertIn(f"\nIcon={APP_ID}\n", text)

    def test_the_appstream_metadata_validates(self):
        metainfo = os.path.join(self.share, "metainfo", f"{APP_ID}.metainfo.xml")
        done = run("appstreamcli", "validate", "--no-net", metainfo)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        with open(metainfo, encoding="utf-8") as f:
            self.assertIn(f'<release version="{VERSION}"', f.read())

    def test_the_manual_page_formats_without_warnings(self):
        page = os.path.join(self.share, "man", "man1", "looplab.1.gz")
        done = run("man", "--warnings", "-l", page, env={**os.environ, "MANWIDTH": "80"})
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stderr, "")
        self.assertIn(f"LoopLab {VERSION}", done.stdout)

    def test_every_lintian_finding_is_explained_in_docs_packaging_md(self):
        done = run("lintian", "-I", "--tag-display-limit", "0", self.deb)
        self.assertNotIn("E: ", done.stdout)
        findings = set(re.findall(r"^[EWIP]: looplab(?: [a-z]+)?: ([a-z0-9-]+)", done.stdout, re.M))
        with open(os.path.join(SOURCE, "docs", "packaging.md"), encoding="utf-8") as f:
            documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", f.read(), re.M))
        self.assertEqual(findings - documented, set(), done.stdout)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit("usage: test_package.py BUILD_DIR SOURCE_DIR VERSION")
    unittest.main(argv=[sys.argv[0]], verbosity=2)
