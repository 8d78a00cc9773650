"""The event loop takes turns

Chapter: The event loop
Goals:
- Describe what `asyncio.run` does: start a loop, run one main task, stop when it ends
- Follow the ready queue: tasks run one at a time, in the order they became ready
- See that a timer waits on the side until its moment comes

Text:
`asyncio.run(main())` creates an event loop and hands it the main task. From then on the loop
repeats one simple turn: take the callbacks that are ready, run each one in order (first in,
first out), then, when nothing is ready, wait for the earliest timer to come due.

Only one task runs at any moment. A task keeps the loop until it reaches an `await` that has
to wait; `await asyncio.sleep(0)` waits for nothing at all, it just puts the task at the back
of the ready queue so the others get a turn. Three tasks doing that take turns like players
around a table.

`loop.call_later(0.2, ring_bell)` does not run anything now: it puts a timer in the loop's
timer heap. While the ready queue is busy the timer just waits; when the queue is empty the
loop sleeps until the earliest timer is due, then runs `ring_bell` as an ordinary callback.
`asyncio.sleep(0.3)` works the same way: a timer whose callback wakes main up.

Predict: What is the third line of output?
Check: output_line 3
Choices: red: turn 1 | red: turn 2 | green: turn 1 | the bell rings
Explain: Creating the tasks only queues them, so main prints first. Then red takes its first
turn, and `sleep(0)` sends red to the back of the ready queue, behind green and blue, which
were already waiting. So green's first turn comes next, then blue's, and only then red's second.

Predict: Which line is printed just before "main: done"?
Check: output_line -2
Choices: the bell rings | main: all turns played | blue: turn 3
Explain: The bell's timer was set first, but it is due only at 0.2 s, while the nine turns take
a few microseconds. Timers never jump the queue: the bell waits, every turn and "all turns
played" come first, and the bell rings while main sleeps, just before "main: done".

Try: Change `await asyncio.sleep(0)` to `await asyncio.sleep(0.1)`. The turns now happen on
timers, 0.1 s apart: where does the bell's line land in the output?

Try: Delete the `await asyncio.sleep(0)` line entirely. Each player now runs all three turns
without letting go of the loop: red, red, red, then green...
"""

import asyncio


async def player(colour):
    for turn in range(1, 4):
        #> [when blue starts] Blue plays last in each round: it joined the ready queue last.
        print(f"{colour}: turn {turn}")
        #> red goes to the back of the ready queue, behind green and blue: their turn first.
        await asyncio.sleep(0)


def ring_bell():
    print("the bell rings")  #> A plain callback, run by the loop when its timer came due.


async def main():
    loop = asyncio.get_running_loop()
    #> This only sets a timer, due 0.2 s from now: ring_bell does not run yet.
    loop.call_later(0.2, ring_bell)
    players = [asyncio.create_task(player(c), name=c) for c in ("red", "green", "blue")]
    print("main: three players created, none has had a turn yet")
    await asyncio.gather(*players)
    print("main: all turns played")
    #> [when main waits on sleep] Nothing is ready now: the loop sleeps until the next timer.
    await asyncio.sleep(0.3)
    print("main: done")


asyncio.run(main())
