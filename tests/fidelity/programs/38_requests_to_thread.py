# The fix for 37_requests_blocking: run requests.get in a thread with asyncio.to_thread. The three
# /delay/1 downloads overlap (all end at 1.000, "took 1.000s") while the heartbeat keeps ticking
# about every 0.3 s. Exit 0.
import asyncio
import time

import requests

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def download(n):
    print(f"{now()} download {n}: handing requests.get to a thread")
    response = await asyncio.to_thread(requests.get, "https://example.com/delay/1")
    print(f"{now()} download {n}: status {response.status_code}")


async def heartbeat():
    for i in range(5):
        print(f"{now()} tick {i}")
        await asyncio.sleep(0.3)


async def main():
    ticking = asyncio.create_task(heartbeat())
    start = time.perf_counter()
    await asyncio.gather(download(1), download(2), download(3))
    print(f"{now()} three downloads took {time.perf_counter() - start:.3f}s")
    await ticking


asyncio.run(main())
