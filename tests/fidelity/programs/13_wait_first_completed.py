# asyncio.wait(return_when=FIRST_COMPLETED) returns (done, pending) sets as soon as one task ends;
# looping on it handles tasks in completion order. Expected rounds at 1.000, 2.000, 4.000
# (fast, medium, slow). Sets are printed sorted by task name. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def runner(seconds):
    await asyncio.sleep(seconds)
    return seconds * 10


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    pending = {
        asyncio.create_task(runner(4), name="slow"),
        asyncio.create_task(runner(1), name="fast"),
        asyncio.create_task(runner(2), name="medium"),
    }
    round_no = 0
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        round_no += 1
        print(f"{now()} round {round_no}: done={names(done)} pending={names(pending)}")
        for task in sorted(done, key=lambda t: t.get_name()):
            print(f"{now()}   {task.get_name()} -> {task.result()}")
    print(f"{now()} all handled")


asyncio.run(main())
