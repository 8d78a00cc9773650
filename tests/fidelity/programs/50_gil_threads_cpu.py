# The GIL: one CPU-bound job in a thread, then four at once. Only one thread executes bytecode at a
# time, so the four take about four times as long as one (in the model: 4.0x, as each job waits
# for the GIL while the others compute), unlike the sleeping jobs of 52. Exit 0.
import asyncio
import time


def crunch(n):
    t = 0
    for i in range(n):
        t += i * i
    return t


async def main():
    t0 = time.perf_counter()
    await asyncio.to_thread(crunch, 200_000)
    t1 = time.perf_counter()
    await asyncio.gather(*(asyncio.to_thread(crunch, 200_000) for _ in range(4)))
    t2 = time.perf_counter()
    print(f"one job {t1 - t0:.3f} s, four jobs in threads {t2 - t1:.3f} s")
    print(f"ratio {(t2 - t1) / (t1 - t0):.2f}")


asyncio.run(main())
