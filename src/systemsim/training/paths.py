"""The story as a graph: which stage follows which, and every path a group can take.

Why: a group that makes a choice must always arrive somewhere and the story must always be
able to finish. These checks find dangling `next` ids, duplicates, stages nobody can reach
and loops with no way out, before a trainer meets them in front of a room.
"""

from __future__ import annotations

from collections import deque

from systemsim.training.problems import Problem
from systemsim.training.schema import Vignette, VignetteStage

#: Safety stop for enumerating paths in a vignette with very many branches.
MAX_PATHS = 10_000


def successors(stage: VignetteStage) -> list[str]:
    """Ids of the stages a group can move to from `stage`."""
    if stage.choices:
        return [c.next for c in stage.choices]
    return [stage.next] if stage.next else []


def structure_problems(vignette: Vignette) -> list[Problem]:
    """Everything wrong with how the stages link up (empty list: the story holds together)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, stage in enumerate(vignette.stages):
        if stage.id in seen:
            problems.append(
                Problem(
                    f"stages[{i}].id", "duplicate_stage", {"id": stage.id, "first": seen[stage.id]}
                )
            )
        else:
            seen[stage.id] = i
    known = ", ".join(seen)
    if vignette.start not in seen:
        problems.append(Problem("start", "unknown_stage", {"id": vignette.start, "known": known}))

    for i, stage in enumerate(vignette.stages):
        where = f"stages[{i}]"
        if stage.next is not None and stage.choices:
            problems.append(Problem(where, "next_and_choices", {"id": stage.id}))
        if stage.end and (stage.next is not None or stage.choices):
            problems.append(Problem(where, "end_with_next", {"id": stage.id}))
        if not stage.end and stage.next is None and not stage.choices:
            problems.append(Problem(where, "dead_end", {"id": stage.id}))
        if stage.next is not None and stage.next not in seen:
            problems.append(
                Problem(f"{where}.next", "unknown_stage", {"id": stage.next, "known": known})
            )
        for j, choice in enumerate(stage.choices or []):
            if choice.next not in seen:
                problems.append(
                    Problem(
                        f"{where}.choices[{j}].next",
                        "unknown_stage",
                        {"id": choice.next, "known": known},
                    )
                )
    if problems:
        return problems

    index = {s.id: i for i, s in enumerate(vignette.stages)}
    reachable = _reachable(vignette)
    for stage in vignette.stages:
        if stage.id not in reachable:
            problems.append(Problem(f"stages[{index[stage.id]}]", "unreachable", {"id": stage.id}))
    finishing = _can_finish(vignette)
    for stage in vignette.stages:
        if stage.id in reachable and stage.id not in finishing:
            problems.append(Problem(f"stages[{index[stage.id]}]", "never_ends", {"id": stage.id}))
    return problems


def _reachable(vignette: Vignette) -> set[str]:
    by_id = {s.id: s for s in vignette.stages}
    seen = {vignette.start}
    queue = deque([vignette.start])
    while queue:
        for nxt in successors(by_id[queue.popleft()]):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _can_finish(vignette: Vignette) -> set[str]:
    """Stages from which some path reaches an end stage (backwards search from the ends)."""
    before: dict[str, set[str]] = {s.id: set() for s in vignette.stages}
    for stage in vignette.stages:
        for nxt in successors(stage):
            before[nxt].add(stage.id)
    done = {s.id for s in vignette.stages if s.end}
    queue = deque(done)
    while queue:
        for prev in before[queue.popleft()]:
            if prev not in done:
                done.add(prev)
                queue.append(prev)
    return done


def all_paths(vignette: Vignette) -> list[list[str]]:
    """Every way through the story from `start` to an end stage, as lists of stage ids.

    A path never visits a stage twice: a choice that leads back to an earlier stage repeats a
    part of the story already listed, so it is not listed again. Raises ValueError if a path
    gets stuck at a stage with nowhere to go that is not an end. (Loops with no exit at all
    are found by `structure_problems`.)
    """
    by_id = {s.id: s for s in vignette.stages}
    paths: list[list[str]] = []

    def walk(path: list[str]) -> None:
        stage = by_id[path[-1]]
        if stage.end:
            paths.append(path)
            return
        nexts = [n for n in successors(stage) if n not in path]
        if not successors(stage):
            raise ValueError(f"the path {' -> '.join(path)} stops without reaching an end")
        for nxt in dict.fromkeys(nexts):
            if len(paths) >= MAX_PATHS:
                raise ValueError(f"more than {MAX_PATHS} paths; simplify the choices")
            walk([*path, nxt])

    walk([vignette.start])
    return paths
