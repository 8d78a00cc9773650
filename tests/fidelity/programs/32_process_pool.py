# CPU-bound work belongs in a ProcessPoolExecutor: run directly, four sums block the loop one
# after another (~0.4 s); in the pool (4 simulated workers) six sums finish in two waves (~0.2 s)
# and the loop keeps ticking meanwhile. Results are printed in submission order. Exit 0.
import asyncio
import concurrent.futures
import time


def cpu_sum(n):
    total = 0
    for i in range(n):
        total += i
    return total


async def ticker():
    for i in range(3):
        print(f"tick {i} at {time.perf_counter() - T0:.3f}")
        await asyncio.sleep(0.03)


async def main():
    global T0
    T0 = time.perf_counter()
    sizes = [500_000, 500_000, 500_000, 500_000]
    direct = [cpu_sum(n) for n in sizes]
    print(f"direct on the loop: {len(direct)} sums took {time.perf_counter() - T0:.3f}s")

    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor() as pool:
        ticking = asyncio.create_task(ticker())
        jobs = [loop.run_in_executor(pool, cpu_sum, 500_000 + k) for k in range(6)]
        results = await asyncio.gather(*jobs)
        await ticking
    for k, value in enumerate(results):
        print(f"job {k}: {value}")
    print(f"process pool: 6 sums took {time.perf_counter() - start:.3f}s")


asyncio.run(main())
