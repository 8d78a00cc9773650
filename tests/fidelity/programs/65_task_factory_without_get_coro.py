# A task factory may return any future: here one that drives the coroutine through an inner
# Task and has neither get_coro() nor get_name(). LoopLab's recorder once called both
# (issue 14, cause 6). A name passed to create_task goes through asyncio's _set_task_name,
# which, as in CPython, skips objects without set_name.
# Expected: "result: 42", "is a Task: False"; exit 0.
import asyncio


class Wrapped(asyncio.Future):
    def __init__(self, loop, coro):
        super().__init__(loop=loop)
        self._inner = asyncio.Task(coro, loop=loop)
        self._inner.add_done_callback(self._copy)

    def _copy(self, inner):
        if inner.cancelled():
            self.cancel()
        elif inner.exception() is not None:
            self.set_exception(inner.exception())
        else:
            self.set_result(inner.result())


async def answer():
    await asyncio.sleep(0.2)
    return 42


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(Wrapped)
    wrapped = loop.create_task(answer(), name="answer")
    loop.set_task_factory(None)
    print("result:", await wrapped)
    print("is a Task:", isinstance(wrapped, asyncio.Task))


asyncio.run(main())
