# Blocking trap: time.sleep(2) inside a coroutine freezes the whole event loop. The heartbeat
# ticks every 0.5 s (0.000, 0.500, 1.000) but its next tick only happens at 3.200, a 2.200 s gap,
# because "blocker" called time.sleep(2) at 1.200. Exit 0.
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
        print(f"{now()} tick {i} (gap {gap:.3f}s)")
        await asyncio.sleep(0.5)


async def blocker():
    await asyncio.sleep(1.2)
    print(f"{now()} blocker: calling time.sleep(2) -- nothing else can run now")
    time.sleep(2)
    print(f"{now()} blocker: time.sleep returned")
    await asyncio.sleep(0.1)
    print(f"{now()} blocker: an await-ed sleep lets others run")


async def main():
    await asyncio.gather(heartbeat(7), blocker())
    print(f"{now()} done")


asyncio.run(main())
