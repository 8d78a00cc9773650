# /status/404 is a normal response (status 404, at 0.100: plain URLs take 100 ms); only
# raise_for_status() turns it into aiohttp.ClientResponseError status=404, caught here.
# /status/200 then passes at 0.201. Exit 0.
import asyncio
import time

import aiohttp

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def check(session, path):
    async with session.get("https://example.com" + path) as response:
        print(f"{now()} {path}: status {response.status}")
        try:
            response.raise_for_status()
            print(f"{now()} {path}: raise_for_status() passed")
        except aiohttp.ClientResponseError as exc:
            print(f"{now()} {path}: {type(exc).__name__} status={exc.status}")


async def main():
    async with aiohttp.ClientSession() as session:
        await check(session, "/status/404")
        await check(session, "/status/200")
    print(f"{now()} done")


asyncio.run(main())
