# Blocking trap with pure computation: summing 200_000 numbers never awaits, so the loop is stuck
# for its whole duration (about 0.040 s at the simulator's 100 ns per line). The 10 ms heartbeat
# ticks at 0.000/0.010/0.020, then a gap of about 0.045 s until the sum is done. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def heartbeat(beats):
    last = time.perf_counter()
    for i in range(beats):
        gap = time.perf_counter() - last
        last = time.perf_counter()
        print(f"{now()} tick {i} gap {gap:.3f}s")
        await asyncio.sleep(0.01)


async def cruncher():
    await asyncio.sleep(0.025)
    print(f"{now()} cruncher: summing 200_000 numbers without awaiting")
    start = time.perf_counter()
    total = 0
    for i in range(200_000):
        total += i
    print(f"{now()} cruncher: sum={total}, the loop was blocked {time.perf_counter() - start:.3f}s")


async def main():
    await asyncio.gather(heartbeat(6), cruncher())
    print(f"{now()} done")


asyncio.run(main())
