"""The family as data: people, unions, children, emotional ties, households and a network.

The YAML file is what a trainer writes; these dataclasses are what the rest of the package
reads. `GenogramFamily.graph` gives the same family as a networkx `MultiDiGraph` so that graph
questions (generations, cycles, who is whose parent) are answered by networkx rather than by
hand-written loops. The dataclasses stay the source of truth so that saving keeps the order
and wording the trainer chose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from systemsim.genogram.write import family_to_dict

SEXES = ("male", "female", "other", "unknown")
PERSON_TYPES = ("person", "pregnancy", "miscarriage", "stillbirth")
UNION_TYPES = ("marriage", "cohabitation", "engagement", "relationship")
CHILD_RELATIONS = ("biological", "adopted", "foster", "kinship")
RELATION_TYPES = (
    "close",
    "fused",
    "distant",
    "conflictual",
    "hostile",
    "cutoff",
    "abuse",
    "caregiving",
)
DIRECTED_RELATIONS = ("abuse", "caregiving")
SECTORS = ("family", "friends", "professionals", "others")
CLOSENESS = (1, 2, 3)
TIES = ("strong", "tenuous", "stressful")
FLOWS = ("to", "from", "both", "none")

Text = dict[str, str]  # {"fi": ..., "sv": ..., "en": ...}; any subset is allowed


@dataclass
class Person:
    """One symbol on the genogram (a person, or a pregnancy or loss)."""

    id: str
    name: str = ""
    sex: str = "unknown"
    born: int | None = None
    died: int | None = None
    type: str = "person"
    note: Text | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def deceased(self) -> bool:
        return self.died is not None or self.type in ("miscarriage", "stillbirth")

    def age(self, year: int) -> int | None:
        """Age now, or age at death; None when the birth year is unknown or not born."""
        if self.born is None or self.type != "person":
            return None
        end = self.died if self.died is not None else year
        return max(0, end - self.born)


@dataclass
class ChildLink:
    """A child of a union and how the child belongs to the couple."""

    id: str
    relation: str = "biological"
    twin_of: str | None = None
    identical: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Union:
    """A couple: marriage, cohabitation, engagement or a relationship, with its years."""

    partners: tuple[str, str]
    type: str = "marriage"
    start: int | None = None
    separated: int | None = None
    divorced: int | None = None
    children: list[ChildLink] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        """'divorced', 'separated' or 'together': what the slashes on the line show."""
        if self.divorced is not None:
            return "divorced"
        if self.separated is not None:
            return "separated"
        return "together"


@dataclass
class SingleParent:
    """A child whose only known parent is in the genogram."""

    parent: str
    child: str
    relation: str = "biological"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Relation:
    """An emotional tie; `directed` ties (abuse, caregiving) go from `a` to `b`."""

    a: str
    b: str
    type: str
    directed: bool = False
    note: Text | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Household:
    """People who live together, drawn inside one boundary."""

    members: list[str]
    label: Text | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class NetworkMember:
    """Someone on the network map (verkostokartta) around the index person."""

    id: str
    sector: str
    closeness: int = 2
    tie: str = "strong"
    flow: str = "both"
    person: str | None = None
    name: str | Text | None = None  # a personal name, or {fi, sv, en} when it holds a role word
    role: Text | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class GenogramFamily:
    """A whole family file: genogram, emotional layer, households and network map."""

    id: str
    people: dict[str, Person]
    index: str | None = None
    title: Text | None = None
    unions: list[Union] = field(default_factory=list)
    single_parents: list[SingleParent] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    network: list[NetworkMember] = field(default_factory=list)
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    # -- graph view -------------------------------------------------------------------------
    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole family as a networkx graph (see `family_to_graph`)."""
        return family_to_graph(self)

    def parentage(self) -> nx.DiGraph:
        """Parent → child edges only (all relations), for generations and cycle checks."""
        g = nx.DiGraph()
        g.add_nodes_from(self.people)
        for u in self.unions:
            for c in u.children:
                for parent in u.partners:
                    g.add_edge(parent, c.id)
        for s in self.single_parents:
            g.add_edge(s.parent, s.child)
        return g

    def parents_of(self, child: str) -> list[tuple[str, str]]:
        """(parent id, relation) for every parent link of `child`."""
        out: list[tuple[str, str]] = []
        for u in self.unions:
            for c in u.children:
                if c.id == child:
                    out.extend((p, c.relation) for p in u.partners)
        out.extend((s.parent, s.relation) for s in self.single_parents if s.child == child)
        return out

    def partners_of(self, person: str) -> list[str]:
        return [p for u in self.unions if person in u.partners for p in u.partners if p != person]

    def network_label(self, member: NetworkMember, lang: str) -> str:
        """The name shown for a network member in `lang`: its own name, else its linked
        person's name, else its id."""
        name = name_in(member.name, lang)
        if not name and member.person and member.person in self.people:
            person = self.people[member.person]
            return person.name or person.id
        return name or member.id

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the family YAML format (`systemsim.genogram.write`)."""
        return family_to_dict(self)


def name_in(name: str | Text | None, lang: str) -> str:
    """A network member's name in `lang`: a plain name is the same in every language."""
    if isinstance(name, dict):
        return name.get(lang) or name.get("en") or next(iter(name.values()), "")
    return name or ""


def family_to_graph(family: GenogramFamily) -> nx.MultiDiGraph:
    """People as nodes; 'partner', 'parent' and 'emotional' edges carry every attribute.

    Partner edges go both ways and carry the union's type and years; parent edges point from
    each parent to the child and carry the relation (and twins); emotional edges carry the
    type and whether the tie is directed. Households and the network map are graph
    attributes. `family_from_graph` rebuilds the same family, so YAML → graph → YAML is
    lossless.
    """
    g = nx.MultiDiGraph(id=family.id, title=family.title, index=family.index,
                        source=family.source, extra=dict(family.extra),
                        households=[asdict(h) for h in family.households],
                        network=[asdict(m) for m in family.network])
    for order, p in enumerate(family.people.values()):
        g.add_node(p.id, order=order, **asdict(p))
    for i, u in enumerate(family.unions):
        a, b = u.partners
        attrs = {"kind": "partner", "union": i, "partners": (a, b), "type": u.type,
                 "start": u.start, "separated": u.separated, "divorced": u.divorced,
                 "extra": dict(u.extra)}
        g.add_edge(a, b, key=f"partner{i}", **attrs)
        g.add_edge(b, a, key=f"partner{i}", **attrs)
        for j, c in enumerate(u.children):
            for parent in (a, b):
                g.add_edge(parent, c.id, key=f"parent{i}", kind="parent", union=i, order=j,
                           relation=c.relation, twin_of=c.twin_of, identical=c.identical,
                           extra=dict(c.extra))
    for j, sp in enumerate(family.single_parents):
        g.add_edge(sp.parent, sp.child, key=f"single{j}", kind="parent", union=None, order=j,
                   relation=sp.relation, extra=dict(sp.extra))
    for k, r in enumerate(family.relations):
        g.add_edge(r.a, r.b, key=f"emotional{k}", kind="emotional", order=k, type=r.type,
                   directed=r.directed, note=r.note, extra=dict(r.extra))
    return g


def family_from_graph(g: nx.MultiDiGraph) -> GenogramFamily:
    """The `GenogramFamily` stored in a graph made by `family_to_graph` (e.g. after graph edits)."""
    people: dict[str, Person] = {}
    for pid, attrs in sorted(g.nodes(data=True), key=lambda n: n[1].get("order", 0)):
        fields = {k: v for k, v in attrs.items() if k != "order"}
        people[pid] = Person(**{**fields, "id": pid, "extra": dict(fields.get("extra", {}))})
    unions: dict[int, Union] = {}
    kids: dict[int, list[tuple[int, ChildLink]]] = {}
    singles: list[tuple[int, SingleParent]] = []
    relations: list[tuple[int, Relation]] = []
    for a, b, d in g.edges(data=True):
        if d["kind"] == "partner" and a == d["partners"][0]:
            unions[d["union"]] = Union(partners=tuple(d["partners"]), type=d["type"],
                                       start=d["start"], separated=d["separated"],
                                       divorced=d["divorced"], extra=dict(d["extra"]))
        elif d["kind"] == "parent" and d["union"] is None:
            singles.append((d["order"], SingleParent(parent=a, child=b, relation=d["relation"],
                                                     extra=dict(d["extra"]))))
        elif d["kind"] == "parent":
            kids.setdefault(d["union"], [])
            if all(c.id != b for _, c in kids[d["union"]]):
                kids[d["union"]].append((d["order"], ChildLink(
                    id=b, relation=d["relation"], twin_of=d["twin_of"],
                    identical=d["identical"], extra=dict(d["extra"]))))
        elif d["kind"] == "emotional":
            relations.append((d["order"], Relation(a=a, b=b, type=d["type"],
                                                   directed=d["directed"], note=d["note"],
                                                   extra=dict(d["extra"]))))
    for i, u in unions.items():
        u.children = [c for _, c in sorted(kids.get(i, []), key=lambda t: t[0])]
    return GenogramFamily(
        id=g.graph["id"], people=people, index=g.graph.get("index"),
        title=g.graph.get("title"), unions=[unions[i] for i in sorted(unions)],
        single_parents=[s for _, s in sorted(singles, key=lambda t: t[0])],
        relations=[r for _, r in sorted(relations, key=lambda t: t[0])],
        households=[Household(**h) for h in g.graph.get("households", [])],
        network=[NetworkMember(**m) for m in g.graph.get("network", [])],
        source=g.graph.get("source"), extra=dict(g.graph.get("extra", {})),
    )
