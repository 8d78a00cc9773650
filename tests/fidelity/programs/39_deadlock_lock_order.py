# DEADLOCK (a): two tasks take two Locks in opposite order. At 0.000 "left" holds A and "right"
# holds B; at 0.100 each asks for the other lock and waits forever. No timers remain, so the
# simulator reports a deadlock (exit 3); real python3 just hangs.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def transfer(name, first, second, first_name, second_name):
    async with first:
        print(f"{now()} {name} holds {first_name}")
        await asyncio.sleep(0.1)
        print(f"{now()} {name} wants {second_name}")
        async with second:
            print(f"{now()} {name} holds both (never printed)")


async def main():
    lock_a = asyncio.Lock()
    lock_b = asyncio.Lock()
    await asyncio.gather(
        transfer("left", lock_a, lock_b, "A", "B"),
        transfer("right", lock_b, lock_a, "B", "A"),
    )
    print("not reached")


asyncio.run(main())
