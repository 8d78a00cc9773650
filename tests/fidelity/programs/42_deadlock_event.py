# DEADLOCK (c, Event flavour): three workers wait for a "start" Event, but the only code that would
# call set() is behind a condition that is false. The workers are stuck after 0.500; no timers are
# left, so the simulator reports a deadlock (exit 3); real python3 hangs.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def worker(name, start):
    print(f"{now()} {name} waiting for the start signal")
    await start.wait()
    print(f"{now()} {name} running (never printed)")


async def coordinator(start, players):
    await asyncio.sleep(0.5)
    print(f"{now()} coordinator: {players} players joined, need 4")
    if players >= 4:
        start.set()


async def main():
    start = asyncio.Event()
    names = ["w1", "w2", "w3"]
    await asyncio.gather(coordinator(start, len(names)), *(worker(n, start) for n in names))


asyncio.run(main())
