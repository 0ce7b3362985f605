"""`systemsim genogram FILE --html OUT`: draw a family file for the projector or a laptop.

The output is one standalone HTML file (plotly.js inside), so it opens offline in any
browser. `--network-map` draws the network map (verkostokartta) instead of the genogram;
an output ending in .png or .svg is written where a browser engine (kaleido) is available.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from systemsim.errors import InputError
from systemsim.i18n import LANGUAGES, get_language


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("genogram", help="draw a family's genogram or network map as HTML")
    p.add_argument("file", metavar="FILE", help="family YAML file (kind: family)")
    p.add_argument("--html", "-o", dest="out", required=True, metavar="OUT",
                   help="output file: .html (standalone), or .png/.svg where kaleido works")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="language of labels and legend (default: fi)")
    p.add_argument("--network-map", action="store_true",
                   help="draw the network map (verkostokartta) instead of the genogram")
    p.add_argument("--no-emotional", action="store_true", help="leave out the emotional layer")
    p.add_argument("--no-households", action="store_true", help="leave out household lines")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from systemsim.genogram import (
        draw_genogram,
        draw_network_map,
        load_family,
        save_figure,
        validate_file,
    )

    lang = args.lang or get_language()
    if Path(args.out).is_dir():
        raise InputError("is a folder; give a file name such as genogram.html", file=args.out,
                         where="--html")
    warnings = validate_file(args.file)
    family = load_family(args.file)
    if args.network_map:
        fig = draw_network_map(family, lang=lang)
    else:
        layers = [layer for layer, off in (("emotional", args.no_emotional),
                                           ("households", args.no_households)) if not off]
        fig = draw_genogram(family, lang=lang, layers=layers)
    out = save_figure(fig, args.out, lang="en")  # the CLI speaks English; --lang is the figure's
    for w in warnings:
        print(f"warning: {w}")
    what = "network map" if args.network_map else "genogram"
    print(f"wrote {what} of {family.id} ({len(family.people)} people) to {out}")
    return 0
