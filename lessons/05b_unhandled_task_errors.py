"""Errors nobody hears: exceptions in tasks

Chapter: Running things together
Goals:
- See that an exception inside a task does not stop the program: it stays in the task
- Know when asyncio tells you about it: "Task exception was never retrieved", written only when
  the failed task object is destroyed, which may be long after it failed
- Fix it three ways: await the task, gather with `return_exceptions=True`, or a done callback

Text:
An exception raised inside a task does not travel up to `main`. The task catches it and keeps
it, as its result, until somebody awaits the task (the exception is raised there) or asks for
`task.result()` or `task.exception()`. If nobody ever does, the error is simply lost.

asyncio warns about it, but late: when the task object itself is destroyed (nothing refers to it
any more), it writes "Task exception was never retrieved" and the traceback to standard error.
A task that nobody keeps is destroyed right after it fails. A task kept in a variable lives as
long as the variable: its report comes only when the variable goes, even if it failed seconds
earlier. Watch the "Errors and reports" tab: it counts the reports as they are written.

Here main starts two background jobs and then does its own work for 3 s. The newsletter task
is created and forgotten; the audit task is kept in a variable. Both fail.

Predict: The newsletter task fails at 0.5 s and nobody keeps it. When does asyncio write its
first report to standard error?
Check: report_time 1
Choices: 0.5 s | 3 s | never
Explain: Nothing referred to the newsletter task once it failed, so it was destroyed at once and
asyncio wrote "Task exception was never retrieved" at 0.5 s, in the same step.

Predict: The audit task fails at 1 s, but main keeps it in the variable `audit_task`. When is its
failure reported?
Check: report_time 2
Choices: 1 s | 3 s | never
Explain: The failed task lived on in `audit_task` until main returned at 3 s; only then was it
destroyed and its error reported, two seconds after it happened. Nothing in the program ever
saw the error.

Try: Retrieve the audit error: at the end of main, add `try: await audit_task` and
`except ValueError as error: print("audit failed:", error)` (on two indented lines). Run again:
the error reaches main, and asyncio has only the newsletter's report left to write.

Try: Keep the newsletter task too and gather both at the end:
`results = await asyncio.gather(newsletter_task, audit_task, return_exceptions=True)`, then
print the results. No report at all: both exceptions are in the list.

Try: A fire-and-forget task can still be heard: add
`newsletter_task.add_done_callback(report)` with a function `report(task)` that prints
`task.exception()` when the task was not cancelled. The callback retrieves the error at 0.5 s.
"""

import asyncio


async def send_newsletter():
    await asyncio.sleep(0.5)
    raise ConnectionError("the mail server refused the newsletter")


async def audit():
    await asyncio.sleep(1)
    raise ValueError("the audit log is full")


async def main():
    #> Created and forgotten: no variable keeps this task.
    asyncio.create_task(send_newsletter(), name="newsletter")
    audit_task = asyncio.create_task(audit(), name="audit")  #> This one is kept in a variable.
    for second in range(1, 4):
        await asyncio.sleep(1)
        print(f"main: working, {second} s")
    #> [when audit finishes] audit failed, but nobody hears it: the error stays in the task.
    print("main: done")  #> main ends here; audit_task goes with it.


asyncio.run(main())
