# asyncio.sleep suspends only the current coroutine and advances the (virtual) clock.
# Expected: prints at 0.000, 1.000, 1.500, 3.500 (sleep(0) adds nothing); last line "total 3.500s"; exit 0.
import asyncio
import time

T0 = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - T0:.3f}"


async def main():
    print(f"{elapsed()} main starts")
    await asyncio.sleep(1)
    print(f"{elapsed()} slept 1 second")
    await asyncio.sleep(0.5)
    print(f"{elapsed()} slept another half second")
    value = await asyncio.sleep(2, result="wake-up value")
    print(f"{elapsed()} sleep(2) handed back {value!r}")
    await asyncio.sleep(0)
    print(f"{elapsed()} sleep(0) only yields, the clock did not move")
    print(f"total {elapsed()}s")


asyncio.run(main())
