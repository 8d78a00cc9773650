# The GIL does not reach across processes: four CPU-bound jobs in a ProcessPoolExecutor run on the
# model's four simulated cores at once, so they take about as long as one job. Exit 0.
import asyncio
import concurrent.futures
import time


def crunch(n):
    t = 0
    for i in range(n):
        t += i * i
    return t


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor() as pool:
        t0 = time.perf_counter()
        await loop.run_in_executor(pool, crunch, 200_000)
        t1 = time.perf_counter()
        await asyncio.gather(*(loop.run_in_executor(pool, crunch, 200_000) for _ in range(4)))
        t2 = time.perf_counter()
    print(f"one job {t1 - t0:.3f} s, four jobs in processes {t2 - t1:.3f} s")
    print(f"ratio {(t2 - t1) / (t1 - t0):.2f}")


asyncio.run(main())
