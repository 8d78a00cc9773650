# asyncio.shield protects the inner task from the outer cancellation: wait_for gives up at 1.000,
# but the shielded save keeps running and finishes at 3.000; main then collects its result. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def save_to_database():
    print(f"{now()} save: started (3 s)")
    await asyncio.sleep(3)
    print(f"{now()} save: committed")
    return "row 17"


async def main():
    saving = asyncio.create_task(save_to_database())
    try:
        await asyncio.wait_for(asyncio.shield(saving), timeout=1)
    except TimeoutError:
        print(f"{now()} main: gave up waiting; inner cancelled? {saving.cancelled()}")
    print(f"{now()} main: doing other things")
    await asyncio.sleep(1)
    print(f"{now()} main: inner done yet? {saving.done()}")
    result = await saving
    print(f"{now()} main: shielded task produced {result}")


asyncio.run(main())
