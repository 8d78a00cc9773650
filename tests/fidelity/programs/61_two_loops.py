# Each event loop has its own ready queue and timers, and closing a loop drops what it still
# holds (BaseEventLoop.close). A timer left by the first asyncio.run() once fired inside the
# second one (issue 14, cause 2).
# Expected: "first done" at 0.000, "soon from the first loop" at 0.000, "second done" at
# 10.000, "ready after close: 0", "timers after close: 0"; the 5 s timer never runs; exit 0.
import asyncio


def late(name):
    print("callback ran:", name)


async def first():
    loop = asyncio.get_running_loop()
    loop.call_later(5, late, "5 s timer from the first loop")
    loop.call_soon(late, "soon from the first loop")
    print("first done")


async def second():
    await asyncio.sleep(10)
    print("second done")


asyncio.run(first())
asyncio.run(second())
other = asyncio.new_event_loop()
other.call_soon(late, "on a loop that never runs")
other.call_later(1, late, "timer on a loop that never runs")
other.close()
print("ready after close:", len(other._ready))
print("timers after close:", len(other._scheduled))
