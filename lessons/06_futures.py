"""Futures: a box for a result that comes later

Chapter: Running things together
Goals:
- Create a future with `loop.create_future()` and await it
- Fill a future from another task with `set_result`, or from a timer with `loop.call_later`
- See that a future keeps its result: awaiting it late returns at once

Text:
A future is an empty box that will hold a result one day. Whoever creates it can hand it out,
and anyone can `await` it: the awaiting task is suspended until somebody calls
`future.set_result(value)` (or `set_exception(error)`). Then the loop wakes every task that
awaits the box and the `await` gives back the value.

The one who fills the box can be another task, or a plain callback that a timer runs, as with
`loop.call_later(1.5, ticket.set_result, "A17")`. No task is needed for that: the loop
itself calls `set_result` when the timer is due.

Tasks are futures too: a task is a future whose result is set when its coroutine returns. That
is why `await task` works. You rarely make bare futures yourself, but every `await` in asyncio
ends up waiting on one.

Predict: How long does the program take?
Check: total_time
Choices: 1.5 s | 2 s | 3.5 s
Explain: Both fillers start at time 0. main waits 2 s for the parcel; the ticket was already
filled at 1.5 s, while main was still waiting, so `await ticket` returns at once. The waits
overlap: 2 s in total, not 2 + 1.5.

Try: Change the courier's delay from 2 to 1. Now main gets the parcel first and waits 0.5 s
more for the ticket: the program takes 1.5 s.

Try: Replace `loop.call_later(1.5, ticket.set_result, "A17")` with
`loop.call_later(1.5, ticket.set_exception, KeyError("no tickets left"))`. The `await ticket`
line now raises the error, as if the future had thrown it.
"""

import asyncio
import time

START = time.perf_counter()


def clock():
    return f"{time.perf_counter() - START:.1f}s"


async def courier(parcel, seconds):
    await asyncio.sleep(seconds)
    print(f"{clock()} courier: delivering the parcel")
    parcel.set_result("a new keyboard")  #> The box is filled: main, which awaits it, is woken up.


async def main():
    loop = asyncio.get_running_loop()
    parcel = loop.create_future()
    ticket = loop.create_future()
    #> Two ways to fill a future later: another task, and a timer callback (no task at all).
    asyncio.create_task(courier(parcel, 2), name="courier")
    loop.call_later(1.5, ticket.set_result, "A17")
    print(f"{clock()} main: parcel done={parcel.done()}, ticket done={ticket.done()}")

    #> [when main waits on future] main is suspended until somebody calls parcel.set_result.
    item = await parcel
    print(f"{clock()} main: the parcel holds {item}")
    #> [at t=1.5] The timer just filled the ticket; main is still waiting for the parcel.
    print(f"{clock()} main: ticket done={ticket.done()}")
    number = await ticket
    print(f"{clock()} main: ticket number {number}")


asyncio.run(main())
