# A program that resets the event loop policy (asyncio.set_event_loop_policy(None), as test
# suites do between modules) still runs on the virtual clock: the new default policy makes
# simulated loops. Expected: "slept 2.000" at 2.000, then a second asyncio.run sleeps 1 s more
# ("slept 1.000" at 3.000); exit 0.
import asyncio
import time


async def nap(seconds):
    start = time.monotonic()
    await asyncio.sleep(seconds)
    print(f"slept {time.monotonic() - start:.3f}")


asyncio.set_event_loop_policy(None)
asyncio.run(nap(2))
asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())
asyncio.run(nap(1))
