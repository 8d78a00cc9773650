# A task waits on a future that nothing else references; when the program drops the task,
# the garbage collector destroys it and asyncio calls the loop's exception handler with "Task
# was destroyed but it is pending!". LoopLab's recorder must not keep the task alive
# (issue 14, cause 4), whatever the task's class (asyncio.Task or the pure-Python Task a task
# factory may make).
# Expected: "handler: Task was destroyed but it is pending!" twice, then "end"; exit 0.
import asyncio
import gc


async def forgotten():
    await asyncio.get_running_loop().create_future()


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda loop, context: print("handler:", context["message"]))
    for factory in (None, lambda loop, coro: asyncio.tasks._PyTask(coro, loop=loop)):
        loop.set_task_factory(factory)
        task = loop.create_task(forgotten())
        await asyncio.sleep(0.1)
        del task
        gc.collect()
        await asyncio.sleep(0.1)
    loop.set_task_factory(None)
    print("end")


asyncio.run(main())
