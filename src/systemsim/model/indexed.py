"""A set with O(1) add, remove and uniform random choice (swap-remove on a list)."""

from __future__ import annotations

import random
from typing import Generic, TypeVar

T = TypeVar("T")


class IndexedSet(Generic[T]):
    """Keeps families in contact so one can be drawn at random without scanning them all."""

    def __init__(self) -> None:
        self._items: list[T] = []
        self._index: dict[T, int] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item: T) -> bool:
        return item in self._index

    def add(self, item: T) -> None:
        if item not in self._index:
            self._index[item] = len(self._items)
            self._items.append(item)

    def discard(self, item: T) -> None:
        i = self._index.pop(item, None)
        if i is None:
            return
        last = self._items.pop()
        if i < len(self._items):
            self._items[i] = last
            self._index[last] = i

    def choice(self, rng: random.Random) -> T:
        return self._items[int(rng.random() * len(self._items))]
