# Scheduling order: call_soon callbacks run FIFO on the next loop turn, interleaved with tasks that
# round-robin via sleep(0); call_later(0) runs after what was already ready; call_later(0.2/0.5)
# run at 0.200 and 0.500 whatever order they were scheduled in. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


def callback(label):
    print(f"{now()} callback {label}")


async def stepper(name, steps):
    for i in range(steps):
        print(f"{now()} {name} step {i}")
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.5, callback, "later-0.5")
    loop.call_later(0.2, callback, "later-0.2")
    loop.call_soon(callback, "soon-1")
    loop.call_later(0, callback, "later-0")
    loop.call_soon(callback, "soon-2")
    a = asyncio.create_task(stepper("A", 3))
    b = asyncio.create_task(stepper("B", 3))
    print(f"{now()} main: everything scheduled, nothing has run yet")
    await asyncio.sleep(0)
    print(f"{now()} main: back after sleep(0)")
    await asyncio.gather(a, b)
    print(f"{now()} main: steppers done")
    await asyncio.sleep(1)
    print(f"{now()} main: end")


asyncio.run(main())
