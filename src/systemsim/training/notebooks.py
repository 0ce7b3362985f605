"""Write the training notebooks: thin guided pages whose code cells are one-line calls.

Why generate them: every vignette notebook has the same shape (language switch, trainer
mode, the vignette, the journal), so a new vignette - a trainer's own included - gets its
notebook with one call, and the committed notebooks never carry outputs.
"""

from __future__ import annotations

import json
from pathlib import Path

from systemsim.yamlio import write_text_atomic

IMPORT = "from systemsim.ui.training import *"


def _cell(kind: str, source: str, n: int) -> dict:
    cell = {"cell_type": kind, "id": f"cell-{n:02d}", "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def notebook_json(cells: list[tuple[str, str]]) -> str:
    """A Jupyter notebook (nbformat 4.5) without outputs, from (kind, source) pairs."""
    nb = {
        "cells": [_cell(kind, src, i) for i, (kind, src) in enumerate(cells)],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


LANGUAGE_NOTE = (
    "**Kieli · Språk · Language** – valitse kieli tästä, koko sivu vaihtuu · "
    "välj språk här, hela sidan byts · choose the language here, the whole page changes."
)
RUN_NOTE = (
    "*Suorita solut ylhäältä alas (Shift + Enter) · Kör cellerna uppifrån och ned "
    "(Shift + Enter) · Run the cells from top to bottom (Shift + Enter).*"
)


def vignette_notebook(vignette_id: str) -> str:
    """The notebook for one vignette."""
    return notebook_json(
        [
            ("markdown", f"# Tapausesimerkki · Fallvinjett · Case vignette\n\n{RUN_NOTE}"),
            ("code", IMPORT),
            ("markdown", LANGUAGE_NOTE),
            ("code", "language_switch()"),
            (
                "markdown",
                "**Kouluttajan tila · Utbildarläge · Trainer mode** – vain kouluttajalle · "
                "bara för utbildaren · for the trainer only.",
            ),
            ("code", "trainer_mode_toggle()"),
            (
                "markdown",
                "## Tarina · Berättelsen · The story\n\n"
                "Kirjoita pohdintasi tekstikenttiin: ne tallentuvat päiväkirjaasi tälle koneelle. "
                "· Skriv dina reflektioner i textfälten: de sparas i din dagbok på den här "
                "datorn. · Write your reflections in the text boxes: they are saved in your "
                "journal on this computer.",
            ),
            ("code", f'play_vignette("{vignette_id}")'),
            ("markdown", "## Päiväkirja · Dagbok · Journal"),
            ("code", f'journal_panel(vignette_id="{vignette_id}")'),
        ]
    )


def start_notebook() -> str:
    """The trainer's start page."""
    return notebook_json(
        [
            (
                "markdown",
                "# Aloita tästä · Börja här · Start here\n\n"
                "Kouluttajalle: näin koulutuspäivä kulkee näillä muistikirjoilla. · För "
                "utbildaren: så här går en utbildningsdag med de här anteckningsböckerna. · "
                f"For the trainer: how a course day runs with these notebooks.\n\n{RUN_NOTE}",
            ),
            ("code", IMPORT),
            ("markdown", LANGUAGE_NOTE),
            ("code", "language_switch()"),
            ("code", "trainer_mode_toggle()"),
            ("code", "trainer_guide()"),
            ("code", "vignette_overview()"),
            ("markdown", "## Päiväkirja · Dagbok · Journal"),
            ("code", "journal_panel()"),
        ]
    )


def author_notebook() -> str:
    """The "write your own vignette" page."""
    return notebook_json(
        [
            (
                "markdown",
                "# Kirjoita oma tapausesimerkki · Skriv en egen fallvinjett · "
                f"Write your own vignette\n\n{RUN_NOTE}",
            ),
            ("code", IMPORT),
            ("code", "language_switch()"),
            (
                "markdown",
                "## 1. Mallipohja · Mallen · The template\n\n"
                "Tämä kirjoittaa valmiin, toimivan esimerkin kansioosi. Avaa tiedosto "
                "tekstieditorissa ja muuta tekstit omiksesi. · Det här skriver ett färdigt, "
                "fungerande exempel i din mapp. Öppna filen i en textredigerare och gör texterna "
                "till dina egna. · This writes a complete, working example into your folder. "
                "Open the file in a text editor and make the texts your own.",
            ),
            ("code", "template_message()"),
            (
                "markdown",
                "## 2. Tarkista tiedosto · Kontrollera filen · Check the file\n\n"
                "Kirjoita tiedoston polku ja paina *Tarkista*. Jokainen ongelma näytetään "
                "rivinumeron kanssa. · Skriv filens sökväg och tryck på *Kontrollera*. Varje "
                "problem visas med radnummer. · Type the file's path and press *Check*. Every "
                "problem is shown with its line number.",
            ),
            ("code", "vignette_checker()"),
            (
                "markdown",
                "## 3. Esimerkki virheistä · Exempel på fel · What problems look like\n\n"
                "Mallipohja, johon on tehty kolme tavallista virhettä. · Mallen med tre vanliga "
                "fel. · The template with three common mistakes.",
            ),
            ("code", "example_problems()"),
            (
                "markdown",
                "## 4. Kokeile · Prova · Try it\n\nKun tiedosto on kunnossa, pelaa se: · När "
                "filen är i ordning, spela den: · When the file is fine, play it:\n\n"
                "`play_vignette(\"~/systemsim_vignettes/my_vignette.yaml\")`",
            ),
        ]
    )


def write_notebooks(folder: str | Path, vignette_ids: list[str]) -> list[Path]:
    """Write the start page, the author page and one notebook per vignette into `folder`."""
    target = Path(folder)
    pages = {
        "00_start_here_for_trainers.ipynb": start_notebook(),
        "write_your_own_vignette.ipynb": author_notebook(),
    }
    pages.update({f"vignette_{vid}.ipynb": vignette_notebook(vid) for vid in vignette_ids})
    written = []
    for name, text in pages.items():
        write_text_atomic(target / name, text)
        written.append(target / name)
    return written
