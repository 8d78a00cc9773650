# Tasks wait on futures of a subclass of the C Future (as CPython's own tests make them).
# Describing such a wait once raised "this __dict__ descriptor does not support 'Future'
# objects" into the program's run_until_complete (issue 14, cause 1): recording must never
# raise into the program. Cancel, gather and shield on those futures behave as in CPython.
# Expected: "cancelled: True", "gathered: [1, 2]", "shielded inner still running: True",
# "inner result: 7"; exit 0.
import asyncio


class MyFuture(asyncio.Future):
    pass


async def wait_on(fut):
    return await fut


async def main():
    loop = asyncio.get_running_loop()
    a = MyFuture(loop=loop)
    waiter = asyncio.create_task(wait_on(a))
    await asyncio.sleep(0.1)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        print("cancelled:", a.cancelled())

    b, c = MyFuture(loop=loop), MyFuture(loop=loop)
    loop.call_later(0.2, b.set_result, 1)
    loop.call_later(0.3, c.set_result, 2)
    print("gathered:", await asyncio.gather(wait_on(b), wait_on(c)))

    d = MyFuture(loop=loop)
    inner = asyncio.create_task(wait_on(d))
    outer = asyncio.ensure_future(asyncio.shield(inner))
    await asyncio.sleep(0.1)
    outer.cancel()
    await asyncio.sleep(0)
    print("shielded inner still running:", not inner.done())
    d.set_result(7)
    print("inner result:", await inner)


asyncio.run(main())
