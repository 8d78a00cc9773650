# asyncio.timeout() (Python 3.11): the block is cancelled at its deadline and TimeoutError is
# raised after the block; reschedule() can move the deadline. Expected: first block times out at
# 1.500, second block is extended to 4.500 and completes at 4.000. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1.5) as cm:
            for i in range(3):
                print(f"{now()} step {i}")
                await asyncio.sleep(1)
            print("not reached")
    except TimeoutError:
        print(f"{now()} block 1 timed out, expired={cm.expired()}")

    async with asyncio.timeout(1) as cm:
        print(f"{now()} block 2 deadline is {cm.when() - loop.time():.3f}s away")
        cm.reschedule(loop.time() + 3)
        print(f"{now()} moved it to {cm.when() - loop.time():.3f}s away")
        await asyncio.sleep(2.5)
        print(f"{now()} block 2 finished in time")
    print(f"{now()} expired={cm.expired()}")


asyncio.run(main())
