# Without return_exceptions, gather raises the first exception right away (at 1.000), but it does
# NOT cancel the siblings: "slow" and "slower" still print "finished" at 2.000 and 3.000. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def worker(name, seconds, explode=False):
    print(f"{now()} {name} started")
    await asyncio.sleep(seconds)
    if explode:
        print(f"{now()} {name} raises RuntimeError")
        raise RuntimeError(f"{name} broke down")
    print(f"{now()} {name} finished")
    return name


async def main():
    try:
        await asyncio.gather(worker("slow", 2), worker("broken", 1, explode=True), worker("slower", 3))
        print("not reached")
    except RuntimeError as exc:
        print(f"{now()} main caught: {exc}")
    print(f"{now()} main keeps going; the other workers were not cancelled")
    await asyncio.sleep(4)
    print(f"{now()} main done")


asyncio.run(main())
