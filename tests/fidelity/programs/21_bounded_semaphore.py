# A plain Semaphore silently grows when released too often; a BoundedSemaphore raises ValueError.
# Expected: the plain one then admits 2 holders at once; the bounded one's extra release()
# raises "BoundedSemaphore released too many times", which is caught. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def main():
    plain = asyncio.Semaphore(1)
    async with plain:
        print(f"{now()} plain: holding it, locked={plain.locked()}")
    plain.release()
    print(f"{now()} plain: released one time too many, no error")
    await plain.acquire()
    await plain.acquire()
    print(f"{now()} plain: two acquires succeeded, the limit of 1 is broken")

    bounded = asyncio.BoundedSemaphore(1)
    await bounded.acquire()
    print(f"{now()} bounded: acquired, locked={bounded.locked()}")
    await asyncio.sleep(1)
    bounded.release()
    print(f"{now()} bounded: released once, locked={bounded.locked()}")
    try:
        bounded.release()
        print("not reached")
    except ValueError as exc:
        print(f"{now()} bounded: ValueError: {exc}")
    print(f"{now()} bounded: still usable, locked={bounded.locked()}")


asyncio.run(main())
