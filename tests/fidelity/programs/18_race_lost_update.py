# Lost update: each task reads the shared counter, yields with sleep(0), then writes back value+1.
# The tasks interleave round-robin, so 5 tasks x 3 increments give 3 instead of 15. Exit 0.
import asyncio

counter = 0


async def increment(name, times):
    global counter
    for round_no in range(times):
        seen = counter
        print(f"{name} round {round_no}: read {seen}")
        await asyncio.sleep(0)
        counter = seen + 1
        print(f"{name} round {round_no}: wrote {counter}")


async def main():
    names = ["A", "B", "C", "D", "E"]
    await asyncio.gather(*(increment(n, 3) for n in names))
    expected = len(names) * 3
    print(f"counter = {counter}, expected {expected}")
    print(f"lost updates: {expected - counter}")


asyncio.run(main())
