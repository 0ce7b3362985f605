"""Family YAML: read and check (the format is described in scenarios/families/README.md).

A trainer writes family files by hand, so every check here ends in an `InputError` that names
the file, the place (``people[3] (eeli)``) and what is allowed. Keys this version does not
know are kept (and saved again) but reported as warnings, so a typo such as ``bron:`` is
noticed without breaking files that carry extra notes.

Each message is a text key under ``genogram.check.`` (``systemsim/i18n/genogram_checks.yaml``)
with its fields, so the genogram editor tells a refused edit in the reader's language;
``str()`` is the English line the CLI prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from systemsim.genogram.checking import Reader, check_words, kind_word
from systemsim.genogram.model import (
    CHILD_RELATIONS,
    CLOSENESS,
    DIRECTED_RELATIONS,
    FLOWS,
    PERSON_TYPES,
    RELATION_TYPES,
    SECTORS,
    SEXES,
    TIES,
    UNION_TYPES,
    ChildLink,
    GenogramFamily,
    Household,
    NetworkMember,
    Person,
    Relation,
    SingleParent,
    Union,
)
from systemsim.yamlio import read_yaml

TOP_KEYS = ("kind", "id", "title", "index", "people", "unions", "single_parents", "relations",
            "households", "network")
PERSON_KEYS = ("id", "name", "sex", "born", "died", "type", "note")
UNION_KEYS = ("partners", "type", "start", "separated", "divorced", "children")
CHILD_KEYS = ("id", "relation", "twin_of", "identical")
SINGLE_KEYS = ("parent", "child", "relation")
RELATION_KEYS = ("between", "from", "to", "type", "note")
HOUSEHOLD_KEYS = ("members", "label")
NETWORK_KEYS = ("id", "person", "name", "role", "sector", "closeness", "tie", "flow")


# -- reading --------------------------------------------------------------------------------------
def parse_family(data: Any, source: str | Path | None = None) -> tuple[GenogramFamily, list[str]]:
    """Build a checked `GenogramFamily` from plain data; returns it with its warnings."""
    r = Reader(source)
    data = r.mapping(data, "top level")
    kind = data.get("kind", "family")
    if kind != "family":
        raise r.fail("kind", "not_family", kind=repr(kind))
    if "id" not in data:
        raise r.fail("id", "family_needs_id", example="virtanen")
    fid = r.ident(data["id"], "id")
    extra = r.extra(data, TOP_KEYS, "top level")
    title = r.text(data.get("title"), "title", "title")

    people = _people(r, data)
    unions = _unions(r, data, people)
    singles = _single_parents(r, data, people)
    family = GenogramFamily(id=fid, people=people, title=title, unions=unions, single_parents=singles,
                    source=r.source, extra=extra)
    _check_parentage(r, family)
    family.relations = _relations(r, data, people)
    family.households = _households(r, data, people)
    family.network = _network(r, data, people)

    index = data.get("index")
    if index is None:
        r.warnings.append("index: no index person is named; the genogram has no double border "
                          "and the network map has no centre person")
    else:
        family.index = r.known(r.ident(index, "index"), people, "index",
                               check_words("what.index_person"))
    return family, r.warnings


def _people(r: Reader, data: dict[str, Any]) -> dict[str, Person]:
    raw = r.items(data, "people", "people")
    if not raw:
        raise r.fail("people", "no_people")
    people: dict[str, Person] = {}
    for i, item in enumerate(raw):
        item, pid, where = r.entry(item, f"people[{i}]", check_words("what.a_person"), "eeli")
        if pid in people:
            raise r.fail(where, "duplicate_person", id=repr(pid))
        name = item.get("name", "")
        if name is None:
            name = ""
        if not isinstance(name, str | int):
            raise r.fail(where, "name_not_text", kind=kind_word(name))
        person = Person(
            id=pid,
            name=str(name),
            sex=r.enum(item.get("sex", "unknown"), SEXES, where, "sex"),
            born=r.year(item.get("born"), where, "born"),
            died=r.year(item.get("died"), where, "died"),
            type=r.enum(item.get("type", "person"), PERSON_TYPES, where, "type"),
            note=r.text(item.get("note"), where, "note"),
            extra=r.extra(item, PERSON_KEYS, where),
        )
        if person.born is not None and person.died is not None and person.died < person.born:
            raise r.fail(where, "died_before_born", died=person.died, born=person.born)
        people[pid] = person
    return people


def _unions(r: Reader, data: dict[str, Any], people: dict[str, Person]) -> list[Union]:
    unions: list[Union] = []
    seen_pairs: dict[frozenset[str], int] = {}
    for i, item in enumerate(r.items(data, "unions", "unions")):
        where = f"unions[{i}]"
        item = r.mapping(item, where)
        partners = item.get("partners")
        if not isinstance(partners, list) or len(partners) != 2:
            raise r.fail(where, "partners_not_two", example="partners: [mika, anna]")
        partner = check_words("what.partner")
        a, b = (r.known(r.ident(p, where, partner), people, where, partner) for p in partners)
        where = f"unions[{i}] ({a} + {b})"
        if a == b:
            raise r.fail(where, "union_with_self", id=repr(a))
        pair = frozenset((a, b))
        if pair in seen_pairs:
            r.warnings.append(f"{where}: {a} and {b} have more than one union (also "
                              f"unions[{seen_pairs[pair]}]); fine for a remarriage")
        seen_pairs.setdefault(pair, i)
        utype = r.enum(item.get("type", "marriage"), UNION_TYPES, where,
                       check_words("what.union_type"))
        start = r.year(item.get("start"), where, "start")
        separated = r.year(item.get("separated"), where, "separated")
        divorced = r.year(item.get("divorced"), where, "divorced")
        if divorced is not None and utype != "marriage":
            raise r.fail(where, "divorced_not_marriage", type=repr(utype))
        if start is not None and separated is not None and separated < start:
            raise r.fail(where, "separated_before_start", separated=separated, start=start)
        if start is not None and divorced is not None and divorced < start:
            raise r.fail(where, "divorced_before_start", divorced=divorced, start=start)
        if separated is not None and divorced is not None and divorced < separated:
            r.warnings.append(f"{where}: divorced {divorced} is before separated {separated}")
        for p in (a, b):
            person = people[p]
            if start is not None and person.born is not None and start < person.born:
                raise r.fail(where, "union_before_born", start=start, id=p, born=person.born)
            if start is not None and person.died is not None and start > person.died:
                raise r.fail(where, "union_after_died", start=start, id=p, died=person.died)
            for what, year in ((check_words("what.separated"), separated),
                               (check_words("what.divorced"), divorced)):
                if year is not None and person.died is not None and year > person.died:
                    raise r.fail(where, "ended_after_died", what=what, year=year, id=p,
                                 died=person.died)
                if year is not None and person.born is not None and year < person.born:
                    raise r.fail(where, "ended_before_born", what=what, year=year, id=p,
                                 born=person.born)
        union = Union(partners=(a, b), type=utype, start=start, separated=separated,
                      divorced=divorced, extra=r.extra(item, UNION_KEYS, where))
        union.children = _children(r, item, people, union, where)
        unions.append(union)
    return unions


def _children(r: Reader, item: dict[str, Any], people: dict[str, Person], union: Union,
              where: str) -> list[ChildLink]:
    links: list[ChildLink] = []
    for j, raw in enumerate(r.items(item, "children", where)):
        cwhere = f"{where} children[{j}]"
        if isinstance(raw, str):  # a bare id is a biological child
            raw = {"id": raw}
        raw = r.mapping(raw, cwhere)
        if "id" not in raw:
            raise r.fail(cwhere, "child_needs_id", example="{id: eeli, relation: biological}")
        cid = r.known(r.ident(raw["id"], cwhere), people, cwhere, check_words("what.child"))
        cwhere = f"{where} children[{j}] ({cid})"
        if any(c.id == cid for c in links):
            raise r.fail(cwhere, "child_twice", id=repr(cid))
        link = ChildLink(
            id=cid,
            relation=r.enum(raw.get("relation", "biological"), CHILD_RELATIONS, cwhere,
                            check_words("what.child_relation")),
            twin_of=None if raw.get("twin_of") is None else r.ident(raw["twin_of"], cwhere,
                                                                    "twin_of"),
            identical=raw.get("identical"),
            extra=r.extra(raw, CHILD_KEYS, cwhere),
        )
        if link.identical is not None and not isinstance(link.identical, bool):
            raise r.fail(cwhere, "identical_not_bool", value=repr(link.identical))
        links.append(link)
    ids = {c.id for c in links}
    for j, link in enumerate(links):
        cwhere = f"{where} children[{j}] ({link.id})"
        if link.twin_of is not None:
            if link.twin_of == link.id:
                raise r.fail(cwhere, "own_twin")
            if link.twin_of not in ids:
                raise r.fail(cwhere, "twin_not_sibling", twin=repr(link.twin_of),
                             children=", ".join(ids))
            a, b = people[link.id].born, people[link.twin_of].born
            if a is not None and b is not None and a != b:
                raise r.fail(cwhere, "twins_years_differ", id=link.id, born=a,
                             twin=link.twin_of, twin_born=b)
        _check_child_years(r, people, union.partners, link.id, link.relation, cwhere)
    return links


def _check_child_years(r: Reader, people: dict[str, Person], parents: tuple[str, ...],
                       child: str, relation: str, where: str) -> None:
    c = people[child]
    for pid in parents:
        p = people[pid]
        if c.born is None or p.born is None:
            continue
        if c.born <= p.born:
            raise r.fail(where, "child_not_younger", child=child, born=c.born, parent=pid,
                         parent_born=p.born)
        if relation == "biological" and c.born - p.born < 12:
            r.warnings.append(f"{where}: {pid} was {c.born - p.born} when {child} was born")
        if relation == "biological" and p.died is not None and c.born > p.died + 1:
            raise r.fail(where, "child_after_parent_died", child=child, born=c.born,
                         parent=pid, died=p.died)


def _single_parents(r: Reader, data: dict[str, Any],
                    people: dict[str, Person]) -> list[SingleParent]:
    out: list[SingleParent] = []
    for i, item in enumerate(r.items(data, "single_parents", "single_parents")):
        where = f"single_parents[{i}]"
        item = r.mapping(item, where)
        for key in ("parent", "child"):
            if key not in item:
                raise r.fail(where, "single_parent_missing", field=key,
                             example="{parent: anna, child: noa}")
        parent_word, child_word = check_words("what.parent"), check_words("what.child")
        parent = r.known(r.ident(item["parent"], where, parent_word), people, where,
                         parent_word)
        child = r.known(r.ident(item["child"], where, child_word), people, where, child_word)
        where = f"single_parents[{i}] ({parent} → {child})"
        if parent == child:
            raise r.fail(where, "own_parent", id=repr(parent))
        relation = r.enum(item.get("relation", "biological"), CHILD_RELATIONS, where,
                          check_words("what.child_relation"))
        _check_child_years(r, people, (parent,), child, relation, where)
        out.append(SingleParent(parent=parent, child=child, relation=relation,
                                extra=r.extra(item, SINGLE_KEYS, where)))
    return out


def _check_parentage(r: Reader, family: GenogramFamily) -> None:
    """More than two biological parents, or someone who is their own ancestor."""
    bio: dict[str, set[str]] = {}
    for u in family.unions:
        for c in u.children:
            if c.relation == "biological":
                bio.setdefault(c.id, set()).update(u.partners)
    for s in family.single_parents:
        if s.relation == "biological":
            bio.setdefault(s.child, set()).add(s.parent)
    for child, parents in bio.items():
        if len(parents) > 2:
            raise r.fail(f"children ({child})", "too_many_parents", id=repr(child), count=len(parents),
                         parents=", ".join(sorted(parents)))
    graph = family.parentage()
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    path = [edge[0] for edge in cycle] + [cycle[0][0]]
    raise r.fail(f"people ({path[0]})", "parentage_cycle", path=" → ".join(path))


def _relations(r: Reader, data: dict[str, Any], people: dict[str, Person]) -> list[Relation]:
    out: list[Relation] = []
    for i, item in enumerate(r.items(data, "relations", "relations")):
        where = f"relations[{i}]"
        item = r.mapping(item, where)
        rtype = r.enum(item.get("type"), RELATION_TYPES, where, check_words("what.relation_type"))
        if "between" in item:
            pair = item["between"]
            if not isinstance(pair, list) or len(pair) != 2:
                raise r.fail(where, "between_not_two", example="between: [anna, liisa]")
            if rtype in DIRECTED_RELATIONS:
                raise r.fail(where, "directed_between", type=repr(rtype))
            a, b = pair
            directed = False
        elif "from" in item and "to" in item:
            a, b = item["from"], item["to"]
            directed = True
        else:
            raise r.fail(where, "relation_needs_people")
        a = r.known(r.ident(a, where), people, where, check_words("what.person"))
        b = r.known(r.ident(b, where), people, where, check_words("what.person"))
        where = f"relations[{i}] ({a} – {b})"
        if a == b:
            raise r.fail(where, "relation_with_self", id=repr(a))
        out.append(Relation(a=a, b=b, type=rtype, directed=directed,
                            note=r.text(item.get("note"), where, "note"),
                            extra=r.extra(item, RELATION_KEYS, where)))
    return out


def _households(r: Reader, data: dict[str, Any],
                people: dict[str, Person]) -> list[Household]:
    out: list[Household] = []
    for i, item in enumerate(r.items(data, "households", "households")):
        where = f"households[{i}]"
        item = r.mapping(item, where)
        members = item.get("members")
        if not isinstance(members, list) or not members:
            raise r.fail(where, "no_members")
        ids = [r.known(r.ident(m, where), people, where, check_words("what.member")) for m in members]
        dupes = {m for m in ids if ids.count(m) > 1}
        if dupes:
            raise r.fail(where, "member_twice", ids=", ".join(sorted(dupes)))
        out.append(Household(members=ids, label=r.text(item.get("label"), where, "label"),
                             extra=r.extra(item, HOUSEHOLD_KEYS, where)))
    return out


def _network(r: Reader, data: dict[str, Any],
             people: dict[str, Person]) -> list[NetworkMember]:
    out: list[NetworkMember] = []
    seen: set[str] = set()
    for i, item in enumerate(r.items(data, "network", "network")):
        item, nid, where = r.entry(item, f"network[{i}]", check_words("what.a_network_member"),
                                   "mummo")
        if nid in seen:
            raise r.fail(where, "duplicate_network", id=repr(nid))
        seen.add(nid)
        person = item.get("person")
        if person is not None:
            person = r.known(r.ident(person, where, "person"), people, where,
                             check_words("what.person"))
        name = r.name(item.get("name"), where)
        if person is None and not name:
            raise r.fail(where, "network_needs_name")
        if "sector" not in item:
            raise r.fail(where, "no_sector", allowed=", ".join(SECTORS))
        member = NetworkMember(
            id=nid,
            person=person,
            name=name,
            role=r.text(item.get("role"), where, "role"),
            sector=r.enum(item.get("sector"), SECTORS, where, "sector"),
            closeness=r.enum(item.get("closeness", 2), CLOSENESS, where, "closeness"),
            tie=r.enum(item.get("tie", "strong"), TIES, where, "tie"),
            flow=r.enum(item.get("flow", "both"), FLOWS, where, "flow"),
            extra=r.extra(item, NETWORK_KEYS, where),
        )
        if isinstance(member.closeness, bool):
            raise r.fail(where, "closeness_bool")
        if person is not None and people[person].died is not None:
            r.warnings.append(f"{where}: {person} has died; the tie counts as a memory, not as "
                              "support")
        out.append(member)
    return out


# -- public entry points --------------------------------------------------------------------
def family_from_dict(data: dict[str, Any], source: str | Path | None = None) -> GenogramFamily:
    """A checked `GenogramFamily` from plain data (e.g. parsed YAML); `source` names it in errors."""
    return parse_family(data, source)[0]


def load_family(path: str | Path) -> GenogramFamily:
    """Read and check a family YAML file."""
    return family_from_dict(read_yaml(path), source=path)


def validate_file(path: str | Path) -> list[str]:
    """Check a family file for `systemsim validate`: raises `InputError`, returns warnings."""
    return parse_family(read_yaml(path), path)[1]
