# Forgotten await: calling a coroutine function only creates a coroutine object; its body never
# runs. stdout shows the file was NOT saved and no time passed; Python writes
# "RuntimeWarning: coroutine 'save_file' was never awaited" to stderr. Exit 0.
import asyncio
import time

T0 = time.perf_counter()
saved = []


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def save_file(name):
    print(f"{now()} saving {name}...")
    await asyncio.sleep(1)
    saved.append(name)
    print(f"{now()} saved {name}")


async def main():
    print(f"{now()} main: calling save_file without await")
    save_file("draft.txt")
    print(f"{now()} main: the call returned immediately, saved={saved}")
    pending = save_file("notes.txt")
    print(f"{now()} main: the call gives a {type(pending).__name__}, saved={saved}")
    await pending
    print(f"{now()} main: after awaiting it, saved={saved}")


asyncio.run(main())
