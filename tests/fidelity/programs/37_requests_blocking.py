# Blocking trap with the (simulated) synchronous requests library: requests.get inside a coroutine
# blocks the loop, so three "concurrent" /delay/1 downloads run one after another (ends 1.000,
# 2.000, 3.000; "took 3.000s") and the 0.25 s heartbeat is silent from 0.000 until 3.000. Exit 0.
import asyncio
import time

import requests

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def download(n):
    print(f"{now()} download {n}: requests.get starts")
    response = requests.get("https://example.com/delay/1")
    print(f"{now()} download {n}: status {response.status_code}")


async def heartbeat():
    for i in range(4):
        print(f"{now()} tick {i}")
        await asyncio.sleep(0.25)


async def main():
    ticking = asyncio.create_task(heartbeat())
    start = time.perf_counter()
    await asyncio.gather(download(1), download(2), download(3))
    print(f"{now()} three downloads took {time.perf_counter() - start:.3f}s")
    await ticking


asyncio.run(main())
