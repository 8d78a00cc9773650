# time.sleep releases the GIL: four threads that wait 40 ms each overlap fully and take as long as
# one. A line printed in each thread shows them all starting at the same moment. Exit 0.
import asyncio
import time


def wait(seconds, name):
    print(f"{time.perf_counter():.3f} {name} starts waiting")
    time.sleep(seconds)
    return name


async def main():
    t0 = time.perf_counter()
    await asyncio.to_thread(wait, 0.04, "solo")
    t1 = time.perf_counter()
    names = await asyncio.gather(*(asyncio.to_thread(wait, 0.04, f"w{k}") for k in range(4)))
    t2 = time.perf_counter()
    print(f"one job {t1 - t0:.3f} s, four jobs in threads {t2 - t1:.3f} s, {names}")
    print(f"ratio {(t2 - t1) / (t1 - t0):.2f}")


asyncio.run(main())
