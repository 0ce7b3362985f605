"""Genograms and network maps (sukupuu ja verkostokartta / släktträd och nätverkskarta).

A family file (``kind: family``, read by `systemsim.genogram.read`) becomes a `GenogramFamily`; from it
come a McGoldrick genogram (`draw_genogram`), a network map (`draw_network_map`) and the
close-network resource the simulation model uses (`network_strength`).
"""

from systemsim.genogram.draw import draw_genogram, genogram_elements
from systemsim.genogram.examples import example_family, example_names, example_path
from systemsim.genogram.export import save_figure
from systemsim.genogram.layout import GenogramLayout, layout_genogram
from systemsim.genogram.model import GenogramFamily, family_from_graph, family_to_graph
from systemsim.genogram.network_map import draw_network_map
from systemsim.genogram.read import family_from_dict, load_family, parse_family, validate_file
from systemsim.genogram.strength import network_strength
from systemsim.genogram.write import family_to_dict, save_family

__all__ = [
    "GenogramFamily",
    "GenogramLayout",
    "draw_genogram",
    "draw_network_map",
    "example_family",
    "example_names",
    "example_path",
    "family_from_dict",
    "family_from_graph",
    "family_to_dict",
    "family_to_graph",
    "genogram_elements",
    "layout_genogram",
    "load_family",
    "network_strength",
    "parse_family",
    "save_family",
    "save_figure",
    "validate_file",
]
