# The benchmark workload: 10,000 tasks behind a Semaphore(100), each sleeping a little.
import asyncio


async def job(gate, number):
    async with gate:
        await asyncio.sleep(0.01 * (number % 10 + 1))
    return number


async def main():
    gate = asyncio.Semaphore(100)
    results = await asyncio.gather(*(job(gate, n) for n in range(10_000)))
    print(f"{len(results)} jobs done, checksum {sum(results)}")


asyncio.run(main())
