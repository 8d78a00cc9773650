# DEADLOCK (c): main awaits a Future that nothing will ever resolve (the helper that should call
# set_result returns early). After 1.000 nothing is scheduled any more, so the simulator reports
# a deadlock (exit 3); real python3 hangs.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def maybe_answer(fut, ready):
    await asyncio.sleep(1)
    if not ready:
        print(f"{now()} helper: not ready, returning without set_result")
        return
    fut.set_result("answer")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    helper = asyncio.create_task(maybe_answer(fut, ready=False))
    print(f"{now()} main: waiting for the future")
    value = await fut
    print(f"not reached {value}")
    await helper


asyncio.run(main())
