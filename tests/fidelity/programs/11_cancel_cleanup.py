# Cancelling a task: CancelledError is raised at its await, the task cleans up in finally (the
# cleanup itself takes 0.5 s) and re-raises. Expected: cancel at 1.000, cleanup ends at 1.500,
# main sees CancelledError at 1.500 and task.cancelled() is True. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def download():
    print(f"{now()} download: opening file, starting a 10 s transfer")
    try:
        await asyncio.sleep(10)
        print("not reached")
    except asyncio.CancelledError:
        print(f"{now()} download: CancelledError received")
        raise
    finally:
        print(f"{now()} download: finally -> flushing and closing the file")
        await asyncio.sleep(0.5)
        print(f"{now()} download: file closed")


async def main():
    task = asyncio.create_task(download())
    await asyncio.sleep(1)
    print(f"{now()} main: cancel() returns {task.cancel()}")
    print(f"{now()} main: cancelling but not finished: done={task.done()}")
    try:
        await task
    except asyncio.CancelledError:
        print(f"{now()} main: await task raised CancelledError")
    print(f"{now()} main: cancelled={task.cancelled()} done={task.done()}")
    print(f"{now()} main: cancel() on a finished task returns {task.cancel()}")


asyncio.run(main())
