# gather(..., return_exceptions=True) waits for every child and puts exceptions in the result list.
# Expected: "b" fails at 1.000, "a" and "c" finish at 2.000 and 3.000, gather returns at 3.000 with
# ['a-ok', ValueError('b got a bad value'), 'c-ok']; nothing is raised; exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def step(name, seconds, broken=False):
    print(f"{now()} {name} begins")
    await asyncio.sleep(seconds)
    if broken:
        print(f"{now()} {name} raises ValueError")
        raise ValueError(f"{name} got a bad value")
    print(f"{now()} {name} ends")
    return f"{name}-ok"


async def main():
    results = await asyncio.gather(
        step("a", 2), step("b", 1, broken=True), step("c", 3),
        return_exceptions=True,
    )
    print(f"{now()} gather returned {results!r}")
    for item in results:
        if isinstance(item, Exception):
            print(f"  failure: {type(item).__name__}: {item}")
        else:
            print(f"  success: {item}")


asyncio.run(main())
