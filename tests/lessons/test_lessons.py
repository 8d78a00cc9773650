"""The built-in course and the lesson commands end to end: `looplab lessons` lists every lesson
file of lessons/, `looplab check-lesson` passes every built-in lesson and names each mistake of
a broken one with its line (docs/lesson-format.md). Usage: python3 test_lessons.py PATH/TO/looplab
"""

import ast
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

LOOPLAB = None
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LESSONS = os.path.join(REPO, "lessons")
KNOWN_FIELDS = "(known: Chapter, Goals, Text, Predict, Check, Choices, Explain, Try)"


def looplab(*args, timeout=600, cwd=REPO):
    """Runs looplab from the repository's top folder (or `cwd`); returns (exit status, stdout,
    stderr)."""
    done = subprocess.run([LOOPLAB, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd)
    return done.returncode, done.stdout, done.stderr


def lesson_files():
    """The built-in lessons' file names, in course (file-name) order."""
    return sorted(name for name in os.listdir(LESSONS)
                  if name.endswith(".py") and os.path.isfile(os.path.join(LESSONS, name)))


def docstring_title(name):
    with open(os.path.join(LESSONS, name), encoding="utf-8") as f:
        doc = ast.get_docstring(ast.parse(f.read()))
    return doc.splitlines()[0].strip() if doc else ""


class ListLessons(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # From another folder: the paths printed must lead to the lessons from anywhere.
        cls.status, cls.out, cls.err = looplab("lessons", cwd="/")
        cls.files = lesson_files()
        cls.rows = [line.split("\t") for line in cls.out.splitlines()]

    def test_exits_0_and_prints_three_tab_separated_fields_a_line(self):
        self.assertEqual(self.status, 0, self.err)
        self.assertEqual(self.err, "")
        self.assertTrue(self.out.endswith("\n"), self.out)
        for row in self.rows:
            self.assertEqual(len(row), 3, row)
            self.assertTrue(all(field.strip() for field in row), row)

    def test_one_line_per_lesson_file_in_file_name_order(self):
        self.assertEqual([row[2] for row in self.rows],
                         [os.path.realpath(os.path.join(LESSONS, f)) for f in self.files])
        self.assertEqual([row[0] for row in self.rows], [f[:-len(".py")] for f in self.files])
        self.assertEqual([row[0] for row in self.rows], sorted(row[0] for row in self.rows))

    def test_the_title_is_the_docstrings_first_line(self):
        for row in self.rows:
            with self.subTest(lesson=row[0]):
                self.assertEqual(row[1], docstring_title(row[0] + ".py"))

    def test_every_path_exists(self):
        for row in self.rows:
            with self.subTest(path=row[2]):
                self.assertTrue(os.path.isabs(row[2]), row[2])
                self.assertTrue(os.path.isfile(row[2]), row[2])

    def test_the_course_has_at_least_14_lessons(self):
        self.assertGreaterEqual(len(self.rows), 14, self.out)


class CheckBuiltInLessons(unittest.TestCase):
    def test_every_built_in_lesson_is_ok(self):
        paths = ["lessons/" + f for f in lesson_files()]
        status, out, err = looplab("check-lesson", *paths)
        self.assertEqual(out, "".join(f"{path}: ok\n" for path in paths))
        self.assertEqual(status, 0, err)


class WorksOnMyMachine(unittest.TestCase):
    """The lesson after the locks lesson: right in the default run, wrong in other schedules,
    right in all of them once the check and the take are under the lock."""

    LESSON = "lessons/07b_works_on_my_machine.py"

    def test_it_comes_right_after_the_locks_lesson(self):
        files = lesson_files()
        self.assertEqual(files[files.index("07_locks.py") + 1], "07b_works_on_my_machine.py")

    def test_the_default_run_is_right_and_other_schedules_oversell(self):
        status, out, err = looplab("run", self.LESSON)
        self.assertEqual((status, out), (0, "tickets sold: 1\ntickets left: 0\n"), err)
        status, out, err = looplab("explore", self.LESSON, "--runs", "100")
        self.assertEqual(status, 5, err)
        self.assertIn("  | tickets sold: 2\n  | tickets left: -1\n", out)
        self.assertEqual(out.splitlines()[-1], "outcomes: 2 distinct in 100 runs")

    def test_with_the_lock_every_schedule_has_one_outcome(self):
        with open(os.path.join(REPO, self.LESSON), encoding="utf-8") as f:
            source = f.read()
        check = source.index('    if stock["tickets"] > 0:')
        end = source.index("    return 0\n")
        guarded = "".join("    " + line for line in source[check:end].splitlines(True))
        fixed = source[:check] + "    async with lock:\n" + guarded + source[end:]
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "fixed.py")
            with open(path, "w", encoding="utf-8") as f:
                f.write(fixed)
            status, out, err = looplab("explore", path, "--runs", "100")
        self.assertEqual(status, 0, err)
        self.assertEqual(out, "outcome 1: 100 of 100 runs, finished (e.g. --schedule-seed 1)\n"
                              "  | tickets sold: 1\n  | tickets left: 0\n"
                              "outcomes: 1 distinct in 100 runs\n")


# Line numbers matter: the expected problems below name lines 8, 14 and 21.
BROKEN = '''\
"""A broken lesson

Chapter: Mistakes
Text:
Nothing here is right.

Predict: How long does the program take?
Check: total_time
Choices: 1 s | 2 s

Predict: What is printed last?
Check: output_line -1
Choices: start | end
Explian: main prints "end" after its sleep.
"""

import asyncio


async def never_called():
    #> This note's line never runs.
    print("never")


async def main():
    print("start")
    await asyncio.sleep(5)
    print("end")


asyncio.run(main())
'''


class CheckBrokenLessons(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def write(self, name, text):
        path = os.path.join(self.folder.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_each_problem_is_printed_with_its_line(self):
        path = self.write("broken.py", BROKEN)
        status, out, err = looplab("check-lesson", path)
        self.assertEqual(out, f"{path}:8: no choice agrees with the run, whose answer is 5.000 s\n"
                              f"{path}:14: unknown field 'Explian' {KNOWN_FIELDS}\n"
                              f"{path}:21: the note cannot appear: line 22 never runs\n")
        self.assertEqual(status, 1, err)

    def test_one_broken_lesson_among_good_ones_fails_the_check(self):
        broken = self.write("broken.py", BROKEN)
        good = "lessons/" + lesson_files()[0]
        status, out, err = looplab("check-lesson", good, broken)
        lines = out.splitlines()
        self.assertEqual(lines[0], f"{good}: ok")
        self.assertEqual([line.split(":")[:2] for line in lines[1:]],
                         [[broken, "8"], [broken, "14"], [broken, "21"]])
        self.assertEqual(status, 1, err)

    def test_a_moment_that_never_comes_is_a_problem(self):
        path = self.write("moment.py", textwrap.dedent('''\
            """Moments

            Chapter: Mistakes
            """
            import asyncio


            async def main():
                await asyncio.sleep(1)  #> [when printed goodbye] Never printed.
                print("hello")  #> [at t=0.5] This one comes.


            asyncio.run(main())
        '''))
        status, out, err = looplab("check-lesson", path)
        self.assertEqual(out, f"{path}:9: the note cannot appear: the moment "
                              "[when printed goodbye] never comes in the run\n")
        self.assertEqual(status, 1, err)

    def test_a_program_without_a_lesson_is_reported(self):
        path = self.write("plain.py", "print('hello')\n")
        status, out, err = looplab("check-lesson", path)
        self.assertEqual(out, f"{path}:0: no lesson here: the module docstring has no title and "
                              "fields\n")
        self.assertEqual(status, 1, err)

    def test_no_lesson_given_is_a_usage_error(self):
        status, out, err = looplab("check-lesson")
        self.assertEqual(status, 2)
        self.assertEqual(out, "")
        self.assertEqual(err, "looplab: looplab check-lesson needs a lesson: "
                              "looplab check-lesson LESSON.py\n")

    def test_a_missing_file_is_a_usage_error(self):
        missing = os.path.join(self.folder.name, "missing.py")
        status, out, err = looplab("check-lesson", missing)
        self.assertEqual(status, 2)
        self.assertEqual(out, "")
        self.assertIn(f"cannot check {missing}: no such file", err)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_lessons.py PATH/TO/looplab")
    LOOPLAB = os.path.abspath(sys.argv.pop(1))
    unittest.main()
