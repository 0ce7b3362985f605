"""Made-up families of any size, for the benchmark and the layout property tests.

Real genograms are sensitive data; these are generated from a seed, with generic names, and
exercise everything the layout must cope with: several partners, married-in partners,
twins, adopted and foster children, single parents, losses, deaths.
"""

from __future__ import annotations

import random
from typing import Any

from systemsim.genogram.model import RELATION_TYPES, SECTORS, GenogramFamily
from systemsim.genogram.read import family_from_dict


def random_family_data(seed: int, generations: int = 5, people: int = 60,
                       extras: bool = True) -> dict[str, Any]:
    """A valid family dict with about `people` people over exactly `generations` rows."""
    made = _MadeUpFamily(seed, extras)
    start_year = 2025 - 28 * generations
    a = made.person("male", start_year)
    b = made.person("female", start_year + 2)
    couples = [(a, b, start_year + 26)]
    weights = [1.6 ** g for g in range(1, generations)]
    costs = [1.9 if g < generations - 1 else 1.0 for g in range(1, generations)]
    scale = max(0, people - 2) / max(1e-9, sum(w * c for w, c in zip(weights, costs,
                                                                       strict=True)))
    for gen in range(1, generations):
        last = gen == generations - 1
        n_kids = max(1, round(weights[gen - 1] * scale))
        if last:
            n_kids = max(1, people - len(made.persons))
        per_couple = [0] * len(couples)
        for i in range(n_kids):
            per_couple[made.rng.randrange(len(couples)) if i >= len(couples) else i] += 1
        couples = made.generation(couples, per_couple, last)
        if not couples:
            break
    return made.data(seed)


Couple = tuple[dict[str, Any], dict[str, Any], int]  # partners and the year their children start


class _MadeUpFamily:
    """The people, couples and single parents made so far, from one random stream.

    Why one object: every choice draws from the same `random.Random` in a fixed order, so a
    seed always gives the same family.
    """

    def __init__(self, seed: int, extras: bool):
        self.rng = random.Random(seed)
        self.extras = extras
        self.persons: list[dict[str, Any]] = []
        self.unions: list[dict[str, Any]] = []
        self.singles: list[dict[str, Any]] = []
        self.parent_union: dict[str, int] = {}  # child id -> index of its parents' union

    def person(self, sex: str | None, born: int, **kw: Any) -> dict[str, Any]:
        n = len(self.persons) + 1
        sex = sex or self.rng.choice(("male", "female", "female", "male", "other", "unknown"))
        p = {"id": f"p{n}", "name": f"P{n}", "sex": sex, "born": born, **kw}
        self.persons.append(p)
        return p

    def generation(self, couples: list[Couple], per_couple: list[int],
                   last: bool) -> list[Couple]:
        """Each couple's `k` children, and (unless this is the last row) their partners."""
        next_couples: list[Couple] = []
        for (pa, pb, year), k in zip(couples, per_couple, strict=True):
            if k == 0:
                continue
            kids, born = self.children(year, k, last)
            self.couple(pa, pb, year, kids, born)
            if last:
                continue
            for link in kids:
                kid = next(p for p in self.persons if p["id"] == link["id"])
                self.grown_up(kid, next_couples)
        return next_couples

    def children(self, year: int, k: int, last: bool) -> tuple[list[dict[str, Any]], int]:
        """`k` children born from `year` on, some adopted, fostered, twins or losses."""
        rng, extras = self.rng, self.extras
        kids: list[dict[str, Any]] = []
        born = year + rng.randint(0, 2)
        made = 0
        while made < k:
            rel = "biological"
            if extras and rng.random() < 0.1:
                rel = rng.choice(("adopted", "foster", "kinship"))
            kind = None
            if extras and last and rng.random() < 0.06:
                kind = rng.choice(("miscarriage", "stillbirth", "pregnancy"))
            kid = self.person(None, born, **({"type": kind} if kind else {}))
            link: dict[str, Any] = {"id": kid["id"], "relation": rel}
            kids.append(link)
            made += 1
            if extras and made < k and kind is None and rng.random() < 0.15:
                kid2 = self.person(None, born)
                link["twin_of"] = kid2["id"]
                kids.append({"id": kid2["id"], "relation": rel, "twin_of": kid["id"],
                             "identical": rng.random() < 0.5})
                made += 1
            born = min(born + rng.randint(1, 4), year + 18)
        return kids, born

    def couple(self, pa: dict[str, Any], pb: dict[str, Any], year: int,
               kids: list[dict[str, Any]], born: int) -> None:
        """The couple's union with its children (and now and then a grandchild in kinship care)."""
        rng, extras = self.rng, self.extras
        union: dict[str, Any] = {"partners": [pa["id"], pb["id"]],
                                 "type": rng.choice(("marriage", "marriage", "cohabitation",
                                                     "engagement", "relationship"))}
        if union["type"] == "marriage":
            union["start"] = year - 1
            if extras and rng.random() < 0.15:
                union["separated"] = born + 1
                union["divorced"] = born + 2
        union["children"] = kids
        self.unions.append(union)
        grand = self.parent_union.get(pa["id"])
        if extras and grand is not None and kids and rng.random() < 0.15:
            # grandparents caring for a grandchild (kinship placement)
            self.unions[grand]["children"].append({"id": kids[0]["id"], "relation": "kinship"})
        for link in kids:
            self.parent_union[link["id"]] = len(self.unions) - 1

    def grown_up(self, kid: dict[str, Any], next_couples: list[Couple]) -> None:
        """A child of this row as an adult: a partner (with in-laws, an ex) or a single parent."""
        rng, extras = self.rng, self.extras
        if rng.random() < 0.85 or not next_couples:
            partner = self.person("female" if kid["sex"] == "male" else "male",
                                  kid["born"] + rng.randint(-3, 3))
            next_couples.append((kid, partner, max(kid["born"], partner["born"]) + 26))
            if extras and rng.random() < 0.15:
                # the partner's own parents (in-laws) are in the genogram too
                f = self.person("male", partner["born"] - 28)
                m = self.person("female", partner["born"] - 26)
                self.unions.append({"partners": [f["id"], m["id"]], "type": "marriage",
                                    "children": [{"id": partner["id"],
                                                  "relation": "biological"}]})
            if extras and rng.random() < 0.12:
                second = self.person(None, kid["born"] + rng.randint(-4, 4))
                self.unions.append({"partners": [kid["id"], second["id"]],
                                    "type": "relationship", "separated":
                                    max(kid["born"], second["born"]) + 20})
        elif extras:
            child = self.person(None, kid["born"] + 25)
            self.singles.append({"parent": kid["id"], "child": child["id"],
                                 "relation": "biological"})

    def data(self, seed: int) -> dict[str, Any]:
        """The family file's data, with emotional ties, a household and a network if `extras`."""
        rng, persons = self.rng, self.persons
        data: dict[str, Any] = {"kind": "family", "id": f"synthetic{seed}", "people": persons,
                                "unions": self.unions, "index": persons[-1]["id"]}
        if self.singles:
            data["single_parents"] = self.singles
        if not self.extras:
            return data
        ids = [p["id"] for p in persons]
        rels = []
        for _ in range(max(1, len(ids) // 6)):
            x, y = rng.sample(ids, 2)
            rtype = rng.choice(RELATION_TYPES)
            rels.append({"from": x, "to": y, "type": rtype} if rtype in ("abuse", "caregiving")
                        else {"between": [x, y], "type": rtype})
        data["relations"] = rels
        data["households"] = [{"members": rng.sample(ids, min(3, len(ids)))}]
        data["network"] = [
            {"id": f"n{i}", "sector": rng.choice(SECTORS),  # both kinds of name, every other
             "name": f"N{i}" if i % 2 else {"fi": f"N{i}-mummo", "sv": f"Mormor N{i}",
                                            "en": f"Grandma N{i}"},
             "closeness": rng.randint(1, 3), "tie": rng.choice(("strong", "tenuous", "stressful")),
             "flow": rng.choice(("to", "from", "both", "none"))}
            for i in range(rng.randint(3, 10))
        ]
        return data


def random_family(seed: int, generations: int = 5, people: int = 60,
                  extras: bool = True) -> GenogramFamily:
    """`random_family_data` checked and loaded as a `GenogramFamily`."""
    return family_from_dict(random_family_data(seed, generations, people, extras),
                            source=f"<synthetic {seed}>")
