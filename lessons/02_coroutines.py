"""Coroutines, and the await you forgot

Chapter: Getting started
Goals:
- Know that calling an `async def` function runs none of its body: it only makes a coroutine object
- Run a coroutine by awaiting it, and get its return value from the `await`
- Recognise the forgotten `await` and the "was never awaited" warning

Text:
A function defined with `async def` is a coroutine function. Calling it does not run it: the
call returns at once with a coroutine object, a paused piece of work that has not executed a
single line yet. Nothing is printed and no time passes.

The work happens when something drives the coroutine, here an `await`. `await reminder` runs
its body up to the end, suspending whenever the body waits, and hands back what it returned.

Forget the `await` and the call just makes a coroutine object that is thrown away. The program
carries on without an error, but the work silently never happens. The only trace is a warning
that CPython writes to stderr when the object is discarded:
`RuntimeWarning: coroutine 'send_reminder' was never awaited`.

Predict: What does the first line of output say?
Check: output_line 1
Choices: calling send_reminder gave a coroutine | calling send_reminder gave a str | calling send_reminder gave a NoneType | sending a reminder to Ada
Explain: Calling a coroutine function runs none of its body, so "sending a reminder to Ada" is
not printed yet and there is no return value: the call gives a coroutine object.

Predict: Who got a reminder by the end of the program?
Check: output_line -1
Choices: reminders sent: Ada | reminders sent: Ada, Grace | reminders sent: Grace
Explain: `send_reminder("Grace")` without `await` only made a coroutine object and dropped it.
Its body never ran, so Grace was never added, even after main waited a whole second.

Try: Put `await` in front of `send_reminder("Grace")`. Run again: the last line now lists both
names, and the timeline shows main waiting 0.5 s longer.

Try: Replace the forgotten call with `asyncio.create_task(send_reminder("Grace"))`. A task
starts the coroutine without waiting for it; the one-second sleep gives it time to finish.
"""

import asyncio

sent = []


async def send_reminder(person):
    print(f"sending a reminder to {person}")
    await asyncio.sleep(0.5)
    sent.append(person)
    return f"reminder for {person} delivered"


async def main():
    #> Calling the coroutine function runs none of its body: it returns a coroutine object.
    reminder = send_reminder("Ada")
    print(f"calling send_reminder gave a {type(reminder).__name__}")
    print(f"reminders sent so far: {len(sent)}")

    #> [when main waits on sleep] Awaited, the body runs at last; main now waits inside its sleep.
    message = await reminder
    print(message)

    #> No await: a coroutine object is made and thrown away. Grace gets nothing.
    send_reminder("Grace")
    await asyncio.sleep(1)
    #> [at end] No error at all, and yet only Ada got a reminder.
    print(f"reminders sent: {', '.join(sent)}")


asyncio.run(main())
