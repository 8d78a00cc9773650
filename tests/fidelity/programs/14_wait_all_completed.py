# asyncio.wait with ALL_COMPLETED (the default) and a timeout: wait never raises; a timeout just
# leaves tasks pending. Expected: at 2.500 done=[a, b(failed)] pending=[c]; at 4.000 everything is
# done; b's exception is read with task.exception(). Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def unit(seconds, fail=False):
    print(f"{now()} unit({seconds}) starts")
    await asyncio.sleep(seconds)
    if fail:
        raise OSError("disk full")
    print(f"{now()} unit({seconds}) ends")
    return seconds


def report(label, done, pending):
    print(f"{now()} {label}: done={sorted(t.get_name() for t in done)} "
          f"pending={sorted(t.get_name() for t in pending)}")


async def main():
    tasks = [
        asyncio.create_task(unit(1), name="a"),
        asyncio.create_task(unit(2, fail=True), name="b"),
        asyncio.create_task(unit(4), name="c"),
    ]
    done, pending = await asyncio.wait(tasks, timeout=2.5)
    report("after timeout=2.5", done, pending)
    done2, pending2 = await asyncio.wait(pending, return_when=asyncio.ALL_COMPLETED)
    report("second wait", done2, pending2)
    for t in tasks:
        if t.exception() is not None:
            print(f"{now()} {t.get_name()} failed: {t.exception()!r}")
        else:
            print(f"{now()} {t.get_name()} returned {t.result()}")


asyncio.run(main())
