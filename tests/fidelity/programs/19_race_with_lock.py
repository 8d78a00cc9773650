# The same read/yield/write increment as 18_race_lost_update, but inside `async with lock`.
# The lock hands over in FIFO order (A B C D E A B ...), and the final counter is 15 as expected.
import asyncio

counter = 0
lock = None


async def increment(name, times):
    global counter
    for round_no in range(times):
        async with lock:
            seen = counter
            print(f"{name} round {round_no}: read {seen}")
            await asyncio.sleep(0)
            counter = seen + 1
            print(f"{name} round {round_no}: wrote {counter}")


async def main():
    global lock
    lock = asyncio.Lock()
    names = ["A", "B", "C", "D", "E"]
    await asyncio.gather(*(increment(n, 3) for n in names))
    expected = len(names) * 3
    print(f"counter = {counter}, expected {expected}")
    print(f"lock still held? {lock.locked()}")


asyncio.run(main())
