# asyncio.Semaphore(2) lets at most two workers into the critical section; six 1-second jobs
# therefore run in three waves (0, 1, 2 s) and the batch takes 3.000s. "inside" never exceeds 2.
import asyncio
import time

T0 = time.perf_counter()
inside = 0
peak = 0


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def worker(name, sem):
    global inside, peak
    print(f"{now()} {name} waiting")
    async with sem:
        inside += 1
        peak = max(peak, inside)
        print(f"{now()} {name} entered, inside={inside}")
        await asyncio.sleep(1)
        inside -= 1
        print(f"{now()} {name} leaving, inside={inside}")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(f"w{i}", sem) for i in range(6)))
    print(f"{now()} peak concurrency {peak}")
    print(f"batch took {now()}s")


asyncio.run(main())
