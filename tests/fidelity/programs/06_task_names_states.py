# Task names (name= and the default "Task-N"; main is Task-1, and in 3.11 create_task(name=...)
# still uses up Task-2, so the unnamed ones are Task-3/Task-4) and done()/cancelled() states of a
# task that succeeds (1.500), one that is cancelled (one turn after cancel) and one that fails. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def nap(seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise KeyError("missing")
    return seconds


def describe(task):
    return f"{task.get_name()}: done={task.done()} cancelled={task.cancelled()}"


async def main():
    print(f"{now()} main runs as {asyncio.current_task().get_name()}")
    named = asyncio.create_task(nap(1), name="napper")
    plain = asyncio.create_task(nap(5))
    failing = asyncio.create_task(nap(2, fail=True))
    for t in (named, plain, failing):
        print(f"{now()} created {describe(t)}")

    await asyncio.sleep(1.5)
    print(f"{now()} {describe(named)} result={named.result()}")
    plain.cancel()
    print(f"{now()} cancel requested -> {describe(plain)}")
    await asyncio.sleep(0)
    print(f"{now()} one loop turn later -> {describe(plain)}")

    await asyncio.sleep(1)
    print(f"{now()} {describe(failing)} exception={failing.exception()!r}")
    failing.set_name("renamed-failure")
    print(f"{now()} after set_name: {failing.get_name()}")


asyncio.run(main())
