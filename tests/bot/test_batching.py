"""Requests arriving while a batch runs go together into the next one."""

import asyncio

import pytest

from bot.batching import Batcher


class Doubler:
    """A batch runner that records its batches; fails the batches holding a negative number."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.release = asyncio.Event()
        self.release.set()

    async def __call__(self, items: list[int]) -> list[int]:
        self.batches.append(items)
        await self.release.wait()
        if any(item < 0 for item in items):
            raise ValueError(f"negative in {items}")
        return [2 * item for item in items]


async def test_requests_made_together_run_as_one_batch_and_each_gets_its_result():
    runner = Doubler()
    batcher = Batcher(runner)
    assert await asyncio.gather(*(batcher(n) for n in range(5))) == [0, 2, 4, 6, 8]
    assert runner.batches == [[0, 1, 2, 3, 4]]
    assert await batcher(7) == 14
    assert runner.batches[-1] == [7]


async def test_requests_arriving_during_a_batch_wait_for_the_next_one():
    runner = Doubler()
    runner.release.clear()
    batcher = Batcher(runner, max_size=3)
    first = asyncio.create_task(batcher(1))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    later = [asyncio.create_task(batcher(n)) for n in range(2, 7)]
    await asyncio.sleep(0)
    runner.release.set()
    assert await first == 2
    assert [await task for task in later] == [4, 6, 8, 10, 12]
    assert runner.batches == [[1], [2, 3, 4], [5, 6]]


async def test_a_failed_batch_fails_its_requests_only():
    runner = Doubler()
    batcher = Batcher(runner)
    results = await asyncio.gather(batcher(1), batcher(-1), return_exceptions=True)
    assert all(isinstance(result, ValueError) for result in results)
    assert await batcher(3) == 6


async def test_a_caller_that_gives_up_leaves_the_others_their_results():
    runner = Doubler()
    runner.release.clear()
    batcher = Batcher(runner)
    impatient = asyncio.create_task(batcher(1))
    patient = asyncio.create_task(batcher(2))
    await asyncio.sleep(0)
    impatient.cancel()
    runner.release.set()
    assert await patient == 4
    with pytest.raises(asyncio.CancelledError):
        await impatient
    await batcher.wait_idle()
