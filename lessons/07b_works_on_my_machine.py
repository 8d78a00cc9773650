"""It works on my machine: races that one run does not show

Chapter: Sharing state
Goals:
- See why one correct run does not prove a program correct
- Explore other legal schedules and open the one that breaks the program
- Close the gap between a check and an action with `async with lock:`

Text:
One ticket is left. Alice and Bob each load the shop's page (a network request), check that a
ticket is in stock, pay (another request) and take the ticket. Alice's page loads in 0.1 s,
Bob's in 0.2 s, and payment takes 0.05 s, so Alice has her ticket before Bob even looks. Step
through it: this run is correct.

But those durations are LoopLab's tidy model. On a real network a reply takes a little more or
less time every time, and then Bob may look while Alice is still paying: both see one ticket in
stock, both pay, and the shop sells a ticket it does not have. The gap between the check and
the action is an `await`, and any other task may run there.

Run → Explore Schedules… runs the program a hundred times with every network reply lasting
between half and one and a half times as long (`looplab explore` does the same on the command
line), groups the runs by what they printed, and lets you open any of them: the list shows one
outcome or several, and each opens as a run you can step through. Keep this run, open another
outcome, and the comparison shows where the two schedules first part.

Predict: What does this run print last?
Check: output_line -1
Choices: tickets left: 0 | tickets left: -1 | tickets left: 1
Explain: In this run Alice's check, payment and take are over by 0.15 s and Bob checks at 0.2 s,
finds none and leaves: one ticket sold, none left. Now ask the other question: could it ever print something else? Explore
the schedules and see: in the runs where Bob's page loads before Alice has paid, both buy and
the shop sells two tickets and ends with -1.

Try: Wrap the check, the payment and the take in `async with lock:` (the lock is already
defined), run it (Ctrl+R) and explore again: every schedule now has one outcome, one ticket sold
and none left, because whoever checks second waits until the first purchase is complete.

Try: Make the payment instant (delete the `await pay(...)` line) and explore: with no `await`
between the check and the take, no other task can run in between, and the race is gone too.
"""

import asyncio

import aiohttp

stock = {"tickets": 1}
lock = asyncio.Lock()


async def load_page(session, delay):
    async with session.get(f"https://shop.example/tickets/delay/{delay}") as page:
        return page.status


async def pay(session, buyer):
    async with session.post(f"https://shop.example/pay/{buyer}/delay/0.05") as receipt:
        return receipt.status


async def buy(session, buyer, page_delay):
    await load_page(session, page_delay)
    if stock["tickets"] > 0:  #> The check: a ticket is in stock right now.
        #> Between the check and the take, other tasks may run.
        await pay(session, buyer)
        stock["tickets"] -= 1  #> The act: it trusts a check made before the await.
        return 1
    return 0


async def main():
    async with aiohttp.ClientSession() as session:
        alice = asyncio.create_task(buy(session, "alice", 0.1), name="alice")
        bob = asyncio.create_task(buy(session, "bob", 0.2), name="bob")
        sold = await asyncio.gather(alice, bob)
    print(f"tickets sold: {sum(sold)}")
    print(f"tickets left: {stock['tickets']}")


asyncio.run(main())
