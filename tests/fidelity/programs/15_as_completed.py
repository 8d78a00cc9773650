# asyncio.as_completed yields awaitables in the order the jobs FINISH, not the argument order.
# Expected: results "c" at 1.000, "a" at 2.000, "b" at 3.000; total 3.000s. The "sent" lines follow
# argument order in the simulator (CPython itself wraps the coroutines in set order). Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def lookup(key, seconds):
    print(f"{now()} lookup {key} sent")
    await asyncio.sleep(seconds)
    return f"value-of-{key}"


async def main():
    jobs = [lookup("a", 2), lookup("b", 3), lookup("c", 1)]
    position = 0
    for next_done in asyncio.as_completed(jobs):
        value = await next_done
        position += 1
        print(f"{now()} #{position} finished: {value}")
    print(f"total {now()}s")


asyncio.run(main())
