"""Tasks: start now, collect the result later

Chapter: The event loop
Goals:
- Start a coroutine in the background with `asyncio.create_task` and give it a name
- Know when a new task really starts: at the loop's next turn, once the creator awaits
- Read a task's name, ask it `done()`, and get its result by awaiting it

Text:
`asyncio.create_task(coro, name="...")` wraps a coroutine in a task and puts the task's first
step in the ready queue. That is all it does: the coroutine has not run a single line yet, and
`create_task` returns at once, so `main` keeps going.

The new tasks only get their turn when `main` gives the loop back, at its first `await` that
waits. From then on they run on their own, side by side with `main`, whether or not anybody is
waiting for them.

A task is also a handle on the work. `task.get_name()` gives the name you chose (or `Task-N`),
`task.done()` says whether it has ended, and `await task` waits until it ends and gives back
its return value. Awaiting a task that already finished returns its result immediately.

Predict: Which line is printed first?
Check: output_line 1
Choices: 0.0s main: asked for the weather in oslo and lima | 0.0s oslo: asking the weather service | 0.0s lima: asking the weather service
Explain: `create_task` only queues the tasks' first steps. main keeps the loop until its
`await asyncio.sleep(0.5)`, so its own line comes first; oslo and lima start right after.

Predict: Which task finishes first?
Check: first_done
Choices: oslo | lima
Explain: oslo was created and started first, but its request takes 2 s against lima's 1 s.
The tasks run side by side, so the shorter one ends first, whatever the creation order.

Try: Remove the line `await asyncio.sleep(0.5)`. main now awaits `oslo` straight away: look
at the timeline. The tasks still start at the same moment and lima still finishes first.

Try: Change `await oslo` to `print(oslo.result())`. Asking a task for its result before it is
done raises `InvalidStateError`: only `await` waits for the answer.
"""

import asyncio
import time

START = time.perf_counter()


def clock():
    return f"{time.perf_counter() - START:.1f}s"


async def weather(city, seconds, degrees):
    print(f"{clock()} {city}: asking the weather service")
    await asyncio.sleep(seconds)
    print(f"{clock()} {city}: answer received")
    return f"{degrees} degrees in {city}"


async def main():
    #> The task is created and queued, but weather("oslo") has not run a single line.
    oslo = asyncio.create_task(weather("oslo", 2, 4), name="oslo")
    lima = asyncio.create_task(weather("lima", 1, 19), name="lima")
    print(f"{clock()} main: asked for the weather in {oslo.get_name()} and {lima.get_name()}")

    #> [when oslo starts] main gave the loop back, so the queued tasks get their first turn.
    await asyncio.sleep(0.5)
    print(f"{clock()} main: oslo done={oslo.done()}, lima done={lima.done()}")

    #> [when lima finishes] lima is done: nobody was awaiting it, it ran anyway.
    report = await oslo
    print(f"{clock()} main: got '{report}', oslo done={oslo.done()}")
    #> lima finished a while ago: awaiting it gives its result at once.
    report = await lima
    print(f"{clock()} main: got '{report}', lima done={lima.done()}")


asyncio.run(main())
