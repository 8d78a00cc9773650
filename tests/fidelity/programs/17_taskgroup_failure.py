# A failing TaskGroup child cancels its siblings; the errors come out as an ExceptionGroup that
# except* splits. Expected: "index" finishes at 0.500; "parse" and "validate" fail at 1.000 (same
# loop turn), "upload" is cancelled at 1.000; main catches ValueError and KeyError. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def step(name, seconds, error=None):
    print(f"{now()} {name} started")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled by the group")
        raise
    if error is not None:
        print(f"{now()} {name} raises {type(error).__name__}")
        raise error
    print(f"{now()} {name} finished")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(step("upload", 5))
            tg.create_task(step("parse", 1, ValueError("bad header")))
            tg.create_task(step("validate", 1, KeyError("id")))
            tg.create_task(step("index", 0.5))
        print("not reached")
    except* ValueError as group:
        print(f"{now()} except* ValueError: {[str(e) for e in group.exceptions]}")
    except* KeyError as group:
        print(f"{now()} except* KeyError: {[repr(e) for e in group.exceptions]}")
    print(f"{now()} main continues after the group")
    await asyncio.sleep(5)
    print(f"{now()} nothing more was printed by the cancelled steps")


asyncio.run(main())
