"""TaskGroup: tasks that start and end together

Chapter: Coordinating tasks
Goals:
- Start related tasks in an `asyncio.TaskGroup` (Python 3.11) and know that the block waits for all of them
- See what happens when one child fails: the others are cancelled
- Catch the errors of a group with `except*`

Text:
`asyncio.create_task` starts a task that can outlive the code that made it: if nobody awaits it,
it may be forgotten, and its exception with it. A `TaskGroup` ties tasks to a block of code.
Tasks started with `tg.create_task(...)` belong to the group, and the `async with` block does
not end until every one of them has ended. When the program gets past the block, all the work
is done and every result is ready. This is called structured concurrency.

If a child fails, the group does not let its siblings run on unattended: it cancels every child
still running, waits for them to finish cancelling, and then raises the failure out of the
`async with`. The block may have had several failures, so they come wrapped in an
`ExceptionGroup`.

`except* ConnectionError` catches the ConnectionErrors inside an exception group, however many
there are; an exception of another type in the group would go on to the next `except*` clause,
or out of the function. A plain `except ConnectionError` would not match the group at all.

Predict: reviews fails after 1 s. What state does photos, a 3 s download in the same group,
end in?
Check: task_state photos
Choices: finished | cancelled | failed
Explain: When reviews raised its ConnectionError, the group cancelled the siblings still
running: photos got a CancelledError in its sleep and ended cancelled. It did not fail itself,
and the ExceptionGroup holds only the ConnectionError. profile had already finished at 0.5 s;
a child that is done stays done.

Predict: How long does the whole run take?
Check: total_time
Choices: 2 s | 3 s | 4 s
Explain: The first group takes 1 s, its longest child. The second one ends as soon as reviews
fails, 1 s later, because the group cancels photos instead of waiting for it: 1 + 1 = 2 s.

Try: Change `fail=True` to `fail=False` and run again. No child fails, and the second block
waits for its longest child, photos: the run takes 4 s.

Try: Replace `except* ConnectionError as group:` with `except ConnectionError as group:`. The
handler no longer matches, because what comes out of the block is an ExceptionGroup: the
program ends with an uncaught ExceptionGroup that contains the ConnectionError.
"""

import asyncio
import time

T0 = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


async def fetch(what, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{elapsed()} s: {what} cancelled")  #> [when reviews finishes] reviews failed, so the group cancels every child still running: photos gets a CancelledError at its sleep.
        raise
    if fail:
        raise ConnectionError(f"{what}: the server went away")
    print(f"{elapsed()} s: {what} done")
    return f"{what} data"


async def main():
    async with asyncio.TaskGroup() as tg:  #> Tasks created with tg.create_task belong to this group; the block cannot end before they all do.
        user = tg.create_task(fetch("user", 0.5), name="user")
        orders = tg.create_task(fetch("orders", 1), name="orders")
    print(f"{elapsed()} s: got {user.result()} and {orders.result()}")  #> Past the block, both children have finished: their results are ready.

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch("profile", 0.5), name="profile")
            tg.create_task(fetch("reviews", 1, fail=True), name="reviews")
            tg.create_task(fetch("photos", 3), name="photos")
        print(f"{elapsed()} s: the second group ended without errors")
    except* ConnectionError as group:
        for error in group.exceptions:
            print(f"{elapsed()} s: caught {error!r}")  #> The failures came out wrapped in an ExceptionGroup; except* picked out the ConnectionErrors.


asyncio.run(main())
