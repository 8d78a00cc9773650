# loop._ready (the ready queue) and loop._scheduled (the timers) can be read as in CPython:
# code that inspects them (CPython's own test helpers do) sees what the loop holds
# (issue 14, cause 3).
# Expected: "ready: 3 ['a', 'b', 'c']", "timers: 2", then a, b, c, "ready in a callback: 2";
# exit 0.
import asyncio


def name_of(handle):
    return handle._args[0] if handle._args else handle._callback.__name__


def say(name):
    print(name)


async def main():
    loop = asyncio.get_running_loop()
    for name in "abc":
        loop.call_soon(say, name)
    loop.call_later(1, say, "later")
    loop.call_later(2, say, "much later")
    print("ready:", len(loop._ready), [name_of(h) for h in loop._ready if h._args])
    print("timers:", len(loop._scheduled))
    loop.call_soon(lambda: print("ready in a callback:", len(loop._ready)))
    loop.call_soon(say, "d")
    await asyncio.sleep(2.5)


asyncio.run(main())
