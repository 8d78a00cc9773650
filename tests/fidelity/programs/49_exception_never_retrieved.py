# A task fails and nobody looks at its exception: when the last reference to it goes, asyncio
# calls the loop's exception handler with "Task exception was never retrieved". LoopLab's
# recording must not read the exception in a way that marks it retrieved (issue 14).
# Expected: "task done: True" at 0.500, then "handler: Task exception was never retrieved",
# then "end" at 0.600; exit 0.
import asyncio
import gc


async def boom():
    await asyncio.sleep(0.1)
    raise ValueError("lost")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda loop, context: print("handler:", context["message"]))
    task = asyncio.create_task(boom())
    await asyncio.sleep(0.5)
    print("task done:", task.done())
    del task
    gc.collect()
    await asyncio.sleep(0.1)
    print("end")


asyncio.run(main())
