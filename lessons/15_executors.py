"""Escaping the trap: threads and processes

Chapter: Blocking and threads
Goals:
- Run blocking I/O in a worker thread with `asyncio.to_thread` and await the result
- Run CPU-bound work in a `ProcessPoolExecutor` with `loop.run_in_executor`
- See why threads do not speed up computing: they take turns at the GIL
- See that the loop stays free: the heartbeat keeps beating while the work goes on

Text:
Some blocking code cannot be rewritten with `await`: a library without an async version, such
as `requests` or a database driver, or a device that has to be read with `time.sleep` between
steps. You can still call it without freezing the loop: `await asyncio.to_thread(fn, *args)`
runs `fn` in a worker thread and suspends only the task that awaits it, until the thread has
the result. `to_thread` is shorthand for `loop.run_in_executor(None, fn, *args)`, which uses
the loop's default thread pool.

Threads help with waiting, not with computing: in CPython only one thread at a time runs Python
code. It holds the GIL (the global interpreter lock), and a thread that waits (time.sleep, a
network call) lets go of it, so waiting threads overlap. A thread that computes keeps it; the
others are ready but wait for their turn. For CPU-bound work, use processes.
`run_in_executor(pool, fn, *args)` with a `ProcessPoolExecutor` sends `fn` and its arguments to
other processes, each with a GIL of its own, which compute at the same time on other cores.

In the timeline, the executor jobs appear on their own rows beside the loop; the loop row has
no blocked stretch while the sensors are read, and the heartbeat task keeps its half-second
rhythm. When main runs the two calls of `crunch` in threads, the second thread's row is orange:
ready for the GIL, while the first one computes (zoom in around 1.8 s).

The checksums run 1,000 and 2,000 rounds, each line a step of its worker. To pass a job in one
step, press F10 (Step, then Step over) on a `loop.run_in_executor(...)` line of main: the job
runs and main goes on. Inside a job, F10 on the `for` line, once the loop has gone round, runs
the rest of the loop, and Shift+F11 (Step out) runs to the end of the job.

Predict: The two sensors take 1.8 s and 1.2 s. How long does the whole run take?
Check: total_time
Choices: 1.2 s | 1.8 s | 3 s
Explain: Both reads run at the same time, each in its own worker thread, so together they take
as long as the slower one, 1.8 s. The computing then takes only a few hundredths of a second, and
main cancels the heartbeat.

Predict: What is the second line the program prints?
Check: output_line 2
Choices: 0.5 s: beat 1 | 1.2 s: read barometer=21.5 | 1.8 s: beat 1
Explain: The sensor reads sleep in worker threads, not on the loop, so the loop is free to run
the heartbeat at 0.5 s and 1.0 s while main waits for the sensors.

Predict: One call of crunch takes 0.02 s. main runs two of them in two threads, then two in two
processes. What does it print for the threads?
Check: output_line -3
Choices: threads: 0.02 s | threads: 0.04 s | threads: 0.08 s
Explain: The two threads cannot compute at the same time: the second waits for the GIL until
the first has finished, so together they take twice as long as one, 0.04 s. The two processes
each have their own GIL and run side by side on two cores: 0.02 s.

Try: In `read`, replace `await asyncio.to_thread(read_sensor, name, seconds)` with a direct
call, `read_sensor(name, seconds)`. Each read now blocks the loop: the heartbeat stalls as in
the previous lesson, and the run takes 3 s, because the barometer can only start after the
thermometer.
"""

import asyncio
import concurrent.futures
import time

T0 = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


def read_sensor(name, seconds):
    time.sleep(seconds)  #> This time.sleep runs in a worker thread: it blocks that thread only, not the loop.
    return f"{name}=21.5"


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def checksum(rounds):
    total = 0
    for i in range(rounds):
        total = (total * 31 + i) % 1_000_003
    return total


async def heartbeat():
    beat = 0
    while True:
        print(f"{elapsed()} s: beat {beat}")  #> [when printed 1.0 s: beat 2] Both sensors are still being read, yet the heartbeat is right on time.
        beat += 1
        await asyncio.sleep(0.5)


async def read(name, seconds):
    value = await asyncio.to_thread(read_sensor, name, seconds)  #> [when thermometer waits on executor] read_sensor runs in a worker thread; only this task waits for it, the loop is free.
    print(f"{elapsed()} s: read {value}")


async def main():
    beating = asyncio.create_task(heartbeat(), name="heartbeat")
    await asyncio.gather(
        asyncio.create_task(read("thermometer", 1.8), name="thermometer"),
        asyncio.create_task(read("barometer", 1.2), name="barometer"),
    )
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    #> Two threads, one GIL: the second crunch is ready to run but waits while the first computes.
    await asyncio.gather(asyncio.to_thread(crunch, 100_000), asyncio.to_thread(crunch, 100_000))
    print(f"threads: {time.perf_counter() - start:.2f} s")
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        start = time.perf_counter()
        await asyncio.gather(loop.run_in_executor(pool, crunch, 100_000),
                             loop.run_in_executor(pool, crunch, 100_000))
        print(f"processes: {time.perf_counter() - start:.2f} s")
        sums = await asyncio.gather(
            #> Each checksum goes to a process of its own: the two computations run side by side.
            loop.run_in_executor(pool, checksum, 1000),
            loop.run_in_executor(pool, checksum, 2000),
        )
    print(f"checksums from the process pool: {sums}")
    beating.cancel()  #> The heartbeat would beat forever: main stops it once the work is done.


asyncio.run(main())
