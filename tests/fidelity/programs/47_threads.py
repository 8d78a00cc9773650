# Plain threads are simulated workers: three threads each sleep 1 s and finish together at
# 1.000; join() waits for them, and the heartbeat task only resumes once join() releases the
# loop (join blocks the loop thread, like any blocking call inside a coroutine). Exit 0.
import asyncio
import threading
import time


def download(name, results):
    print(f"{name}: start")
    time.sleep(1)
    results.append(name)
    print(f"{name}: done")


async def heartbeat():
    for beat in range(3):
        print(f"beat {beat}")
        await asyncio.sleep(0.4)


async def main():
    results = []
    beating = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    workers = [threading.Thread(target=download, args=(n, results)) for n in ("a", "b", "c")]
    for worker in workers:
        worker.start()
    print("alive after start:", [w.is_alive() for w in workers])
    for worker in workers:
        worker.join()
    print("alive after join:", [w.is_alive() for w in workers], sorted(results))
    await beating


asyncio.run(main())
