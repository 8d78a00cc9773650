"""Waiting one after another, or all at once

Chapter: Getting started
Goals:
- Tell a blocking wait (`time.sleep`) from a wait that gives control away (`await asyncio.sleep`)
- See why three overlapping waits take as long as the longest one, not the sum
- Read the timeline: bars one after another versus bars side by side

Text:
A program that downloads files, queries a database or calls a web service spends most of its
time waiting. The waiting is not work: the computer sits idle until the answer comes back.

The first half of `main` waits the ordinary way. `time.sleep` stops everything, the event loop
included: nothing else can happen until it returns, so three downloads of 1, 2 and 3 seconds
take 1 + 2 + 3 seconds, one after the other. In the timeline this is the crossed "blocked" bar.

The second half does the same three downloads as coroutines. `await asyncio.sleep` tells the
event loop "wake me up later and run something else meanwhile", and `asyncio.gather` starts all
three (as the tasks Task-2, Task-3 and Task-4) before any of them waits. The three waits
overlap, so together they end when the longest one ends.

Predict: How long does the whole program take, both halves together?
Check: total_time
Choices: 3 s | 6 s | 9 s | 12 s
Explain: The blocking half takes 1 + 2 + 3 = 6 s because each sleep must end before the next
one starts. The asyncio half takes only 3 s, its longest single wait, because the three sleeps
run at the same time. 6 s + 3 s = 9 s.

Try: Add a fourth file of 4 s to both halves: `download_blocking("d.zip", 4)` and
`download("d.zip", 4)` inside the gather. The blocking half grows by 4 s; how much does the
asyncio half grow?

Try: In the asyncio half, replace the `gather` call with three plain lines:
`await download("a.zip", 1)`, `await download("b.zip", 2)`, `await download("c.zip", 3)`.
The bars stop overlapping and that half takes 6 s too: `await` on its own waits for one thing
at a time.
"""

import asyncio
import time


def download_blocking(filename, seconds):
    print(f"  start {filename}")
    #> [when loop blocks] time.sleep blocks the whole program: the loop cannot run anything else.
    time.sleep(seconds)
    print(f"  done  {filename} after {seconds} s")


async def download(filename, seconds):
    print(f"  start {filename}")
    #> This download suspends here, so the loop is free to start the next one.
    await asyncio.sleep(seconds)
    print(f"  done  {filename} after {seconds} s")


async def main():
    print("One after another, with time.sleep:")
    start = time.perf_counter()
    download_blocking("a.zip", 1)
    download_blocking("b.zip", 2)
    download_blocking("c.zip", 3)
    print(f"blocking version took {time.perf_counter() - start:.1f} s")

    print("All at once, with asyncio:")
    start = time.perf_counter()
    #> gather wraps each download in a task and starts all three before any of them waits.
    await asyncio.gather(download("a.zip", 1), download("b.zip", 2), download("c.zip", 3))
    #> [when printed asyncio version] Only as long as the longest wait: the three sleeps overlapped.
    print(f"asyncio version took {time.perf_counter() - start:.1f} s")


asyncio.run(main())
