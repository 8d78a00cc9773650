# Awaiting three coroutines one after another costs 1+2+3 = 6 s; gather runs them together in 3 s.
# Expected: sequential part ends at 6.000 ("sequential took 6.000s"), gather part ends at 9.000
# ("gather took 3.000s", results [10, 20, 30] in argument order); exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def brew(name, seconds, value):
    print(f"{now()} {name}: start ({seconds}s)")
    await asyncio.sleep(seconds)
    print(f"{now()} {name}: ready")
    return value


async def main():
    print(f"{now()} --- sequential ---")
    start = time.perf_counter()
    a = await brew("tea", 1, 10)
    b = await brew("coffee", 2, 20)
    c = await brew("soup", 3, 30)
    print(f"{now()} sequential results {[a, b, c]}")
    print(f"sequential took {time.perf_counter() - start:.3f}s")

    print(f"{now()} --- gather ---")
    start = time.perf_counter()
    results = await asyncio.gather(brew("tea", 1, 10), brew("coffee", 2, 20), brew("soup", 3, 30))
    print(f"{now()} gather results {results}")
    print(f"gather took {time.perf_counter() - start:.3f}s")


asyncio.run(main())
