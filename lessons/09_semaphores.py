"""Semaphores: at most five downloads at once

Chapter: Limits and flow
Goals:
- Cap how many coroutines do something at the same time with `asyncio.Semaphore`
- Read the waves of work in the timeline: five bars, then the next five
- Know aiohttp's own cap, `TCPConnector(limit=...)`

Text:
Starting 30 downloads with `gather` is one line, but the server on the other end sees 30
connections from you in the same instant. Real services answer that with errors or by blocking
you, and your own program may run out of sockets or memory. You want the downloads to overlap,
but only a few at a time.

A semaphore is a counter of free slots. `async with limit:` takes a slot if one is free;
otherwise the task waits in line. Leaving the block gives the slot back, and the first task in
line gets it. With `Semaphore(5)` all 30 tasks start at once, five of them go to the network
and 25 queue at the semaphore. This is backpressure: the work flows at the speed the limit
allows, however much work is waiting.

aiohttp has such a limit built in: a session's connector opens at most `limit` connections at
once (`aiohttp.TCPConnector(limit=100)` is the default) and makes the other requests wait for a
free one. A semaphore is the general tool: it works around anything you await, a database, a
file, a whole function that makes several requests.

Predict: At most how many downloads are waiting for the network at the same moment?
Check: max_waiting network
Choices: 5 | 10 | 30
Explain: All 30 tasks start at once, but only the five that hold a slot send their request. The
other 25 wait at the semaphore, not on the network, until a slot comes free, so the network
never has more than five requests in flight.

Predict: Each download takes 1 s. How long do all 30 take?
Check: total_time
Choices: 1 s | 6 s | 30 s
Explain: Five at a time, 30 downloads make six waves of 1 s each: 6 s. Without the limit it
would be 1 s (and 30 connections at once); one at a time it would be 30 s.

Try: Change `Semaphore(5)` to `Semaphore(10)` and run again (Ctrl+R). How many waves does the
timeline show now, and how long does the run take?

Try: Let aiohttp do the limiting: remove the line `async with limit:` (and un-indent the lines
under it by one level) and create the session as
`aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=5))`. The run still takes 6 s, but
all 30 downloads now "start" at once (the counter climbs to 30): they wait inside aiohttp, on a
semaphore called "connection limit", for one of its five connections.
"""

import asyncio
import time

import aiohttp

URL = "https://httpbin.org/delay/1"  # this server takes 1 s to answer
T0 = time.perf_counter()
limit = asyncio.Semaphore(5)  #> Five slots: a download must hold one while it talks to the server.
in_flight = 0


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


async def download(session, n):
    global in_flight
    async with limit:  #> [when download-5 waits on limit] download-0 to download-4 hold all five slots, so download-5 waits in line here, and 24 more tasks line up behind it.
        in_flight += 1
        print(f"{elapsed()} s: download {n} starts, {in_flight} in flight")  #> [when printed download 5 starts] The first answers came back at 1 s: each finished download handed its slot to the next task in line.
        async with session.get(URL) as response:  #> The request is sent; this task waits for the network while holding its slot.
            page = await response.text()
        in_flight -= 1
    return len(page)


async def main():
    async with aiohttp.ClientSession() as session:
        #> 30 tasks are created at once; the semaphore, not the loop, decides how many get to run.
        tasks = [
            asyncio.create_task(download(session, n), name=f"download-{n}")
            for n in range(30)
        ]
        pages = await asyncio.gather(*tasks)
    print(f"{len(pages)} pages downloaded in {elapsed()} s")


asyncio.run(main())
