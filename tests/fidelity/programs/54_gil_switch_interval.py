# As 53, with sys.setswitchinterval(0.001): the thread hands the GIL over after 1 ms, so the
# heartbeat is late by about 1 ms instead of 5 and beats more often. Exit 0.
import asyncio
import sys
import time


def crunch(n):
    t = 0
    for i in range(n):
        t += i * i
    return t


async def heartbeat(stop):
    lates = []
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.001)
        lates.append(time.perf_counter() - before - 0.001)
    return lates


async def main():
    print(f"switch interval {sys.getswitchinterval() * 1000:.1f} ms")
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop))
    await asyncio.sleep(0)
    await asyncio.to_thread(crunch, 200_000)
    stop.set()
    lates = await beat
    during = lates[:-1]  # the last beat ran after the thread had finished
    print("late by (ms):", " ".join(f"{x * 1000:.1f}" for x in lates))
    print(f"beats during the job: {len(during)}, largest lateness {max(during) * 1000:.1f} ms")


sys.setswitchinterval(0.001)
asyncio.run(main())
