"""gather: many results, one await

Chapter: Running things together
Goals:
- Run several awaitables together with `asyncio.gather` and read its list of results
- Know that the results come in argument order, not in finishing order
- Compare fail-fast (the default) with `return_exceptions=True`

Text:
`await asyncio.gather(a, b, c)` runs `a`, `b` and `c` together and waits for all of them. It
gives back one list, and the list follows the order of the arguments: the first result belongs
to the first argument even if that one finished last. No sorting, no bookkeeping needed.

When one of them raises, the default gather is fail-fast: the first exception is raised out of
the `await` at once, so `main` hears about the problem without waiting for the others. But the
others are NOT cancelled. They keep running in the background, and whatever they return is lost.

With `return_exceptions=True` gather never raises for its children. It waits for all of them
and puts each exception object in the list, at its argument's place, next to the normal results.

This program checks three services three times: once when all is well, then twice with the
disk broken, fail-fast and with `return_exceptions=True`.

Predict: Which list does round 1 print?
Check: output_line 5
Choices: results: ['database ok', 'cache ok', 'disk ok'] | results: ['cache ok', 'disk ok', 'database ok'] | results: ['database ok', 'disk ok', 'cache ok']
Explain: cache finished first and database last, but gather's list follows the order of the
arguments: database, cache, disk.

Predict: main catches the disk error 2 s into round 2. How does the task database-2 end?
Check: task_state database-2
Choices: finished | cancelled | failed
Explain: Fail-fast gather only hands the first exception to its awaiter. It does not cancel the
other children: database-2 kept running and finished 1 s later, while main was already waiting
for round 3.

Try: In round 2, add `tasks = start(2, broken="disk")` before the `try`, gather `*tasks`
instead, and after the except block add `for t in tasks: t.cancel()`. Run again: database-2
now ends cancelled and never prints "ok".

Try: In round 3, delete `, return_exceptions=True`. Nothing catches the error there, so it
leaves main and the program ends with a traceback at 9 s: look at the last lines of the output
and at how database-3 ends.
"""

import asyncio
import time

START = time.perf_counter()
SERVICES = [("database", 3), ("cache", 1), ("disk", 2)]


def clock():
    return f"{time.perf_counter() - START:.1f}s"


async def check(service, seconds, broken):
    await asyncio.sleep(seconds)
    if broken:
        print(f"{clock()} {asyncio.current_task().get_name()}: failed")
        raise ConnectionError(f"{service} is down")
    print(f"{clock()} {asyncio.current_task().get_name()}: ok")
    return f"{service} ok"


def start(round_no, broken=None):
    return [asyncio.create_task(check(name, seconds, name == broken), name=f"{name}-{round_no}")
            for name, seconds in SERVICES]


async def main():
    print("round 1: all services up")
    results = await asyncio.gather(*start(1))
    print(f"results: {results}")  #> Argument order: database first, although it was the slowest.

    print("round 2: the disk is down, fail-fast")
    try:
        await asyncio.gather(*start(2, broken="disk"))
    except ConnectionError as error:
        #> [when disk-2 finishes] gather passes the first exception on at once.
        print(f"{clock()} main caught: {error}")
    #> [when database-2 finishes] Nobody cancelled database-2: it finished, and its result is lost.
    await asyncio.sleep(2)

    print("round 3: the disk is down, return_exceptions=True")
    results = await asyncio.gather(*start(3, broken="disk"), return_exceptions=True)
    print(f"results: {results}")  #> The exception object sits at the disk's place in the list.


asyncio.run(main())
