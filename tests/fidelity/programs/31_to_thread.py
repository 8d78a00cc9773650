# asyncio.to_thread runs a blocking function (with args and kwargs) in a worker thread and awaits
# its result; three of them overlap (0.5, 1.0, 1.5 s -> 1.500 total) while a loop task still
# prints at 0.200 and 0.700. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


def resize(filename, seconds, scale=1):
    print(f"{now()} [thread] resizing {filename} x{scale}")
    time.sleep(seconds)
    print(f"{now()} [thread] {filename} ready")
    return f"{filename}@{scale}x"


async def responsive():
    for pause in (0.2, 0.5):
        await asyncio.sleep(pause)
        print(f"{now()} loop: still responsive")


async def main():
    start = time.perf_counter()
    pinger = asyncio.create_task(responsive())
    images = await asyncio.gather(
        asyncio.to_thread(resize, "cat.png", 1.5, scale=2),
        asyncio.to_thread(resize, "dog.png", 0.5),
        asyncio.to_thread(resize, "owl.png", 1.0, scale=3),
    )
    print(f"{now()} main: {images}")
    print(f"{now()} main: took {time.perf_counter() - start:.3f}s")
    await pinger


asyncio.run(main())
