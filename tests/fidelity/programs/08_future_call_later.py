# Futures resolved by plain callbacks scheduled with loop.call_later (no extra task involved).
# Expected: first future gives "ding" at 1.500, the second raises TimeoutError("too late") at
# 2.500 which main catches. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


def ring(fut, text):
    print(f"{now()} callback: resolving with {text!r}")
    fut.set_result(text)


async def main():
    loop = asyncio.get_running_loop()
    bell = loop.create_future()
    alarm = loop.create_future()
    loop.call_later(1.5, ring, bell, "ding")
    loop.call_later(2.5, alarm.set_exception, TimeoutError("too late"))
    print(f"{now()} main: two callbacks scheduled, waiting on the bell")
    text = await bell
    print(f"{now()} main: bell says {text}")
    try:
        await alarm
    except TimeoutError as exc:
        print(f"{now()} main: alarm failed with {exc}")
    print(f"{now()} main: finished")


asyncio.run(main())
