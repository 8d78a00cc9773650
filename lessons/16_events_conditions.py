"""Events and conditions: waiting for a signal

Chapter: Coordinating tasks
Goals:
- Make tasks wait for a one-time signal with `asyncio.Event` (`wait()` and `set()`)
- Share a changing state with `asyncio.Condition`: `wait()` until it changes, `notify()` when it does
- See that waking a task only makes it ready: it runs when the loop gets to it

Text:
An `asyncio.Event` is a flag that starts unset. Any number of tasks can `await event.wait()`;
they all wait until some task calls `event.set()`, and then they all wake together. Once set,
the flag stays set: a task that calls `wait()` later passes straight through. It suits one-time
signals such as "the doors are open", "the configuration is loaded" or "shut down now".

An `asyncio.Condition` is for a state that changes again and again, here the number of loaves
on a shelf. A customer takes the condition's lock with `async with shelf`, checks the state and,
if there is nothing for it, calls `await shelf.wait()`, which gives up the lock while waiting.
The baker changes the state under the same lock and calls `shelf.notify()` to wake one waiting
customer (`notify_all()` wakes them all). A woken customer must check again, with `while` and not
`if`: the state may have changed once more before it got to run.

Waking a task never runs it on the spot. `set()` and `notify()` only put the waiting tasks in
the ready queue; the task that called them carries on until its next `await`.

Predict: At 1 s the opener sets the event that three visitors are waiting for. Which task ends
first?
Check: first_done
Choices: opener | visitor-1 | visitor-3
Explain: `set()` made all three visitors ready, but the opener kept the loop and ran to its end
first. Only then did the loop run the visitors, in the order they started waiting.

Predict: The three customers wait before the first loaf is baked, and the baker calls
`notify()` once per loaf. What is the last line the program prints?
Check: output_line -1
Choices: 1.5 s: customer-3 takes a loaf, 0 left | 2.5 s: customer-3 takes a loaf, 0 left | 2.5 s: customer-1 takes a loaf, 0 left
Explain: Each `notify()` wakes one customer, the one that has waited longest: customer-1 gets
the loaf of 1.5 s, customer-2 the one of 2 s and customer-3 the last, at 2.5 s.

Try: Replace `shelf.notify()` with `shelf.notify_all()`. After the first loaf all three
customers wake up; one takes it and the others find the shelf empty and wait again: look for
the extra wake-ups in the timeline. Then also change `while loaves == 0:` to
`if loaves == 0:` and watch the count of loaves go negative.
"""

import asyncio
import time

T0 = time.perf_counter()
doors_open = asyncio.Event()
shelf = asyncio.Condition()
loaves = 0


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


async def visitor(name):
    await doors_open.wait()  #> [when visitor-3 waits on doors_open] All three visitors now wait on the same event.
    print(f"{elapsed()} s: {name} walks in")


async def opener():
    await asyncio.sleep(1)
    print(f"{elapsed()} s: the doors open")
    doors_open.set()  #> set() makes every waiting visitor ready at once, but none of them runs before the opener gives the loop back.


async def customer(name):
    global loaves
    async with shelf:
        while loaves == 0:
            await shelf.wait()  #> wait() releases the condition's lock while it waits, so the baker can get in, and takes it back before returning.
        loaves -= 1
        print(f"{elapsed()} s: {name} takes a loaf, {loaves} left")


async def baker():
    global loaves
    for _ in range(3):
        await asyncio.sleep(0.5)  # baking
        async with shelf:
            loaves += 1
            print(f"{elapsed()} s: the baker puts a loaf on the shelf")
            shelf.notify()  #> [when printed 1.5 s: the baker] notify() wakes exactly one waiting customer, the one that has waited longest.


async def main():
    visitors = [
        asyncio.create_task(visitor(f"visitor-{i}"), name=f"visitor-{i}")
        for i in (1, 2, 3)
    ]
    opening = asyncio.create_task(opener(), name="opener")
    await asyncio.gather(*visitors, opening)

    customers = [
        asyncio.create_task(customer(f"customer-{i}"), name=f"customer-{i}")
        for i in (1, 2, 3)
    ]
    baking = asyncio.create_task(baker(), name="baker")
    await asyncio.gather(*customers, baking)

asyncio.run(main())
