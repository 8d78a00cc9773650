# create_task starts a coroutine right away (at the next loop turn) while main does other work;
# awaiting the task later just collects its result. Expected: task and main overlap, the result
# arrives at 2.000 (not 3), awaiting an already finished task returns at once; "total 2.500s". Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def fetch_report():
    print(f"{now()} report: started")
    await asyncio.sleep(2)
    print(f"{now()} report: finished")
    return "report.pdf"


async def quick_note():
    print(f"{now()} note: written")
    return "note.txt"


async def main():
    task = asyncio.create_task(fetch_report())
    print(f"{now()} main: task created, it has not run yet")
    await asyncio.sleep(1)
    print(f"{now()} main: did 1 s of my own work, task done? {task.done()}")
    result = await task
    print(f"{now()} main: got {result}")

    note = asyncio.create_task(quick_note())
    await asyncio.sleep(0.5)
    print(f"{now()} main: note task done? {note.done()}")
    print(f"{now()} main: awaiting it anyway -> {await note}")
    print(f"total {now()}s")


asyncio.run(main())
