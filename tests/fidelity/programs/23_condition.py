# asyncio.Condition: readers wait_for a predicate, the writer appends under the lock and calls
# notify_all. Every notify wakes all waiters, each re-checks its predicate; "needs-1" resumes at
# 1.000 and "needs-3a"/"needs-3b" at 3.000. Exit 0.
import asyncio
import time

T0 = time.perf_counter()
messages = []


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def reader(name, cond, needed):
    def enough():
        print(f"{now()} {name} checks: {len(messages)}/{needed}")
        return len(messages) >= needed

    async with cond:
        await cond.wait_for(enough)
        print(f"{now()} {name} resumes with {messages[:needed]}")


async def writer(cond):
    for i in range(1, 4):
        await asyncio.sleep(1)
        async with cond:
            messages.append(f"m{i}")
            print(f"{now()} writer added m{i}, notify_all")
            cond.notify_all()


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(
        reader("needs-3a", cond, 3), reader("needs-1", cond, 1),
        reader("needs-3b", cond, 3), writer(cond),
    )
    print(f"{now()} everyone done")


asyncio.run(main())
