# In debug mode a handle, a task and a future remember where they were made, ending at the
# program's line (CPython drops its own frames: _call_soon, call_at, create_task). LoopLab's
# ended inside asyncio or LoopLab (issue 14, cause 5).
# Expected, as plain CPython 3.11 prints: "call_soon: the program's line 28", "call_later: the
# program's line 29", "create_task: asyncio's create_task()", "create_future: asyncio's
# create_future()"; exit 0.
import asyncio
import os


def where(obj):
    frame = obj._source_traceback[-1]
    if os.path.abspath(frame.filename) == os.path.abspath(__file__):
        return f"the program's line {frame.lineno}"
    return f"asyncio's {frame.name}()"


async def child():
    pass


def nothing():
    pass


async def main():
    loop = asyncio.get_running_loop()
    print("call_soon:", where(loop.call_soon(nothing)))
    print("call_later:", where(loop.call_later(0.1, nothing)))
    task = asyncio.create_task(child())
    print("create_task:", where(task))
    print("create_future:", where(loop.create_future()))
    await task


asyncio.run(main(), debug=True)
