"""Locks: when tasks overwrite each other

Chapter: Sharing state
Goals:
- Spot a lost update: read, `await`, then write back a value that is out of date
- Protect a read-await-write sequence with `async with lock:`
- See in the timeline how tasks queue up on a lock

Text:
Tasks never run at the same instant, so an update that has no `await` in the middle is safe.
The danger is an `await` between reading shared data and writing it back. While one task
waits there, others run, read the same old value, and later every one of them writes back its
own stale result. All but one update are lost, and no error is raised.

Here five tasks each deposit 10 into one account. Each reads the balance, waits 0.1 s (as if
asking a bank server), then stores balance + 10. Phase 1 does it unprotected.

Phase 2 does the same inside `async with lock:`. Only one task can hold an `asyncio.Lock`; the
others wait at `async with` until it is released, then take it one at a time, in order. The
read-wait-write sequence now runs whole, and no deposit is lost, at the price of running the
deposits one after another.

Predict: What does phase 1 report?
Check: output_line 12
Choices: without a lock: balance 50, expected 50 | without a lock: balance 10, expected 50 | without a lock: balance 40, expected 50 | without a lock: balance 0, expected 50
Explain: All five tasks read the balance 0 before any of them wrote anything, because each one
suspended at its `await` right after reading. Each then wrote 0 + 10: the same 10, five times.
Four deposits vanished without an error.

Predict: How long does the whole program take?
Check: total_time
Choices: 0.2 s | 0.6 s | 1 s
Explain: Phase 1 takes 0.1 s: the five waits overlap, which is exactly why they clash. Phase 2
takes 5 x 0.1 s = 0.5 s, because the lock lets only one deposit wait at a time.

Try: In phase 1, move the `await asyncio.sleep(0.1)` line above `balance = account["balance"]`
(wait first, then read and write with no await in between). Phase 1 becomes correct without a
lock: only an `await` between the read and the write makes the update unsafe.

Try: In `deposit_locked`, keep only the last line inside `async with lock:` and move the read
and the sleep out of it. The total is wrong again: the lock must cover the whole sequence.
"""

import asyncio

account = {"balance": 0}
lock = asyncio.Lock()


async def deposit(amount):
    name = asyncio.current_task().get_name()
    balance = account["balance"]
    print(f"  {name} reads {balance}")
    #> [when client-1 waits on sleep] client-1 has read the balance and now lets the others run.
    await asyncio.sleep(0.1)
    account["balance"] = balance + amount  #> This writes back a balance that is already stale.
    print(f"  {name} writes {account['balance']}")


async def deposit_locked(amount):
    #> [when client-7 waits on lock] The lock is taken, so client-7 queues up behind client-6.
    async with lock:
        balance = account["balance"]
        await asyncio.sleep(0.1)
        account["balance"] = balance + amount


async def run_clients(first, deposit_fn):
    account["balance"] = 0
    clients = [asyncio.create_task(deposit_fn(10), name=f"client-{n}")
               for n in range(first, first + 5)]
    await asyncio.gather(*clients)
    return account["balance"]


async def main():
    print("phase 1: five deposits of 10, no lock")
    print(f"without a lock: balance {await run_clients(1, deposit)}, expected 50")
    print("phase 2: five deposits of 10, with async with lock")
    print(f"with a lock: balance {await run_clients(6, deposit_locked)}, expected 50")


asyncio.run(main())
