# Limiting concurrent aiohttp requests with an asyncio.Semaphore(3) instead of the connector:
# seven /delay/1 requests run in waves of 3, 3 and 1 ending at 1.000, 2.000 and 3.000;
# "active" never exceeds 3. Exit 0.
import asyncio
import time

import aiohttp

T0 = time.perf_counter()
active = 0


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def fetch(session, sem, n):
    global active
    async with sem:
        active += 1
        print(f"{now()} start {n} (active={active})")
        async with session.get("https://example.com/delay/1") as response:
            await response.text()
        active -= 1
        print(f"{now()} end {n} status {response.status} (active={active})")


async def main():
    sem = asyncio.Semaphore(3)
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(fetch(session, sem, n) for n in range(7)))
    print(f"seven requests took {now()}s")


asyncio.run(main())
