# Twelve gathered GETs to /delay/1 through TCPConnector(limit=5): at most five connections are
# open at once, so the responses come back in waves of 5, 5 and 2 at 1.000, 2.000 and 3.000;
# gather keeps the argument order. Exit 0.
import asyncio
import time

import aiohttp

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def fetch(session, n):
    print(f"{now()} request {n} queued")
    async with session.get("https://example.com/delay/1") as response:
        await response.text()
        print(f"{now()} request {n} -> {response.status}")
        return response.status


async def main():
    connector = aiohttp.TCPConnector(limit=5)
    async with aiohttp.ClientSession(connector=connector) as session:
        statuses = await asyncio.gather(*(fetch(session, n) for n in range(12)))
    print(f"{now()} statuses {statuses}")
    print(f"all 12 took {now()}s")


asyncio.run(main())
