# Simulated aiohttp: one GET to /delay/2 inside ClientSession and response context managers.
# Expected: sent at 0.000; at 2.000 status 200 and the body {"url": "https://example.com/delay/2"};
# a second request to /delay/1 ends at 3.000 (38 characters). Exit 0.
import asyncio
import time

import aiohttp

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def main():
    async with aiohttp.ClientSession() as session:
        print(f"{now()} sending GET /delay/2")
        async with session.get("https://example.com/delay/2") as response:
            print(f"{now()} headers arrived: status {response.status}")
            body = await response.text()
            print(response.status, body)
        print(f"{now()} first response closed")

        print(f"{now()} sending GET /delay/1")
        async with session.get("https://example.com/delay/1") as response:
            text = await response.text()
            print(f"{now()} second: status {response.status}, {len(text)} characters")
    print(f"{now()} session closed")


asyncio.run(main())
