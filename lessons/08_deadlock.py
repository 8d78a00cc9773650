"""Deadlock: two tasks, two locks, opposite orders

Chapter: Sharing state
Goals:
- Recognise a deadlock: each task holds one lock and waits for the one the other holds
- Read LoopLab's deadlock report: who waits on what, and who holds it
- Avoid the cycle with one global lock order, or notice it with a timeout

Text:
A transfer between two accounts must lock both of them, so that nobody else touches either
balance halfway through. `transfer` locks the account it pays from, then the account it pays
into. Two transfers in opposite directions therefore take the same two locks in opposite
orders.

pay-bob takes Alice's lock while pay-alice takes Bob's. Each then asks for the other lock, and
each waits for a lock the other task will release only when it gets the lock it is waiting for.
Nobody can move, there is no timer left to wake anybody, and the loop has nothing to run.
In a terminal this program never ends, without an error message; LoopLab stops the run and
shows the cycle of waits.

The classic cure is to take locks in one global order, for example always by account name,
whatever the direction of the payment: then both transfers ask for Alice's lock first, and
whoever gets it can also take Bob's. Another safety net is a timeout, such as
`asyncio.wait_for(lock.acquire(), 1)`: a task that waits too long gives up and can report it.

Predict: Does this run end in a deadlock?
Check: deadlock
Choices: yes | no
Explain: pay-bob holds alice's lock and waits for bob's; pay-alice holds bob's lock and waits
for alice's. Neither wait can ever end, so the loop has no ready task and no timer: a deadlock.

Predict: How many tasks end up waiting on a lock at the same time?
Check: max_waiting lock
Choices: 0 | 1 | 2 | 3
Explain: Both transfers wait on a lock, each on the one the other holds. main waits too, but on
the gather, not on a lock.

Try: Make both transfers take the locks in the same order: in `transfer`, replace
`first, second = payer, payee` with `first, second = sorted([payer, payee])`. Run again:
pay-alice now waits for Alice's lock while holding nothing, pay-bob finishes, then pay-alice
does, and the program prints the balances.
"""

import asyncio

lock_alice = asyncio.Lock()
lock_bob = asyncio.Lock()
locks = {"alice": lock_alice, "bob": lock_bob}
balances = {"alice": 100, "bob": 100}


async def transfer(payer, payee, amount):
    first, second = payer, payee  #> The lock order: from the payer to the payee.
    async with locks[first]:
        print(f"{payer} -> {payee}: locked {first}")
        #> While this task holds one lock and sleeps, the other task takes the other lock.
        await asyncio.sleep(0.1)
        print(f"{payer} -> {payee}: waiting for {second}'s lock")
        #> [when pay-alice waits on lock_alice] Each task now waits for a lock the other one holds.
        async with locks[second]:
            balances[payer] -= amount
            balances[payee] += amount
            print(f"{payer} -> {payee}: moved {amount}")


async def main():
    pay_bob = asyncio.create_task(transfer("alice", "bob", 30), name="pay-bob")
    pay_alice = asyncio.create_task(transfer("bob", "alice", 20), name="pay-alice")
    #> [at end] No task can move and no timer is left: the loop is stuck for good.
    await asyncio.gather(pay_bob, pay_alice)
    print(f"balances: {balances}")


asyncio.run(main())
