# loop.time() is the loop's own monotonic clock (virtual: it starts at 0.000 in the simulator) and
# call_at schedules on it. Expected: loop.time() reads 0.000, 1.000, 2.500; call_at fires at
# 3.000 and main wakes at 3.000 too; time.perf_counter() agrees with loop.time(). Exit 0.
import asyncio
import time


def alarm(loop, label):
    print(f"alarm {label} fired, loop.time()={loop.time():.3f}")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    print(f"loop.time() at start: {start:.3f}")
    await asyncio.sleep(1)
    print(f"loop.time() after sleep(1): {loop.time():.3f}")
    await asyncio.sleep(1.5)
    print(f"loop.time() after sleep(1.5): {loop.time():.3f}")
    handle = loop.call_at(start + 3, alarm, loop, "at start+3")
    print(f"scheduled for {handle.when():.3f}, that is {handle.when() - loop.time():.3f}s from now")
    cancelled = loop.call_at(start + 2.8, alarm, loop, "cancelled")
    cancelled.cancel()
    await asyncio.sleep(start + 3 - loop.time())
    print(f"main wakes, loop.time()={loop.time():.3f}")
    drift = time.perf_counter() - loop.time()
    print(f"perf_counter minus loop.time(): {abs(drift):.3f}")


asyncio.run(main())
