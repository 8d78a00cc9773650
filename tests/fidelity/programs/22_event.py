# One asyncio.Event releases several waiters together: three readers block until the gate opens
# at 2.000, then all three resume at 2.000 in the order they started waiting; a reader arriving
# after set() passes straight through (3.000); after clear() wait() blocks again. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def reader(name, gate, arrive):
    await asyncio.sleep(arrive)
    print(f"{now()} {name} waits at the gate (is_set={gate.is_set()})")
    await gate.wait()
    print(f"{now()} {name} passed the gate")


async def main():
    gate = asyncio.Event()
    readers = [
        asyncio.create_task(reader("r1", gate, 0.5)),
        asyncio.create_task(reader("r2", gate, 0.1)),
        asyncio.create_task(reader("r3", gate, 1.0)),
        asyncio.create_task(reader("late", gate, 3.0)),
    ]
    await asyncio.sleep(2)
    print(f"{now()} main opens the gate")
    gate.set()
    await asyncio.gather(*readers)
    gate.clear()
    try:
        await asyncio.wait_for(gate.wait(), timeout=0.5)
    except TimeoutError:
        print(f"{now()} after clear() the gate blocks again")


asyncio.run(main())
