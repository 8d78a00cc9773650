# asyncio.wait_for: a 1 s job inside a 2 s limit succeeds (at 1.000); a 5 s job inside a 2 s limit
# is cancelled (its handler prints at 3.000) and main gets TimeoutError at 3.000. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def job(name, seconds):
    print(f"{now()} {name}: needs {seconds}s")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{now()} {name}: cancelled by wait_for")
        raise
    print(f"{now()} {name}: done")
    return name


async def main():
    result = await asyncio.wait_for(job("short", 1), timeout=2)
    print(f"{now()} main: got {result}")
    try:
        await asyncio.wait_for(job("long", 5), timeout=2)
    except TimeoutError as exc:
        print(f"{now()} main: {type(exc).__name__} after waiting 2s")
    await asyncio.sleep(3)
    print(f"{now()} main: nothing else printed by 'long'")


asyncio.run(main())
