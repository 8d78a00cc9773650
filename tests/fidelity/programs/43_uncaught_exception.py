# An exception that escapes main() ends asyncio.run with a traceback on stderr and exit status 1.
# Expected stdout: lines at 0.000 and 1.000, the "finally" line at 1.000; nothing after. Exit 1.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def parse_config(text):
    print(f"{now()} parsing {text!r}")
    await asyncio.sleep(1)
    key, value = text.split("=")
    return key, int(value)


async def main():
    print(f"{now()} main: start")
    try:
        key, value = await parse_config("port=eighty")
        print(f"{now()} main: {key} is {value} (not reached)")
    finally:
        print(f"{now()} main: finally runs before the error leaves asyncio.run")


asyncio.run(main())
print("not reached either")
