# loop.run_in_executor(None, ...) moves blocking time.sleep calls to the default thread pool, so
# the three jobs (1.0, 1.5, 1.8 s) overlap and the heartbeat keeps ticking every 0.4 s (tick 4 at
# 1.601: the loop's wait is rounded up to whole ms). Jobs end at 1.000/1.500/1.800; gather 1.800s.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


def blocking_io(name, seconds):
    print(f"{now()} [thread] {name}: time.sleep({seconds})")
    time.sleep(seconds)
    print(f"{now()} [thread] {name}: done")
    return f"{name}:{seconds}"


async def heartbeat(beats):
    for i in range(beats):
        print(f"{now()} loop tick {i}")
        await asyncio.sleep(0.4)


async def main():
    loop = asyncio.get_running_loop()
    ticker = asyncio.create_task(heartbeat(5))
    start = time.perf_counter()
    results = await asyncio.gather(
        loop.run_in_executor(None, blocking_io, "disk", 1.0),
        loop.run_in_executor(None, blocking_io, "db", 1.5),
        loop.run_in_executor(None, blocking_io, "legacy", 1.8),
    )
    print(f"{now()} main: results {results}")
    print(f"{now()} main: gather returned after {time.perf_counter() - start:.3f}s")
    await ticker


asyncio.run(main())
