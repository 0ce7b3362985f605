"""For the Mäntsälä and Mölndal pages: how much of a reform's effect was staff, how much the rest.

`decompose_files` runs the Shapley decomposition of two bundled scenarios; `what_came_from`
turns it into sentences in the page's language. Every number in the text is the model's output
for this run (nothing is written in advance), so the text changes when the model does.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from pathlib import Path

from systemsim.experiment.decompose import Decomposition, decompose
from systemsim.i18n import get_language, t
from systemsim.viz.decomposition import fmt_delta, group_label
from systemsim.viz.labels import fmt_kpi, kpi_label
from systemsim.whatif.notebook import Html, load


def decompose_files(a: str, b: str, *, years: int = 3, replications: int = 5, seed: int = 0,
                    folder: str | Path | None = None) -> Decomposition:
    """Split every KPI's difference between two bundled scenarios among the groups that differ."""
    return decompose(load(a, folder), load(b, folder), years=years, replications=replications,
                     seed=seed, labels=(Path(a).stem, Path(b).stem))


def sentence(d: Decomposition, kpi: str, lang: str | None = None, year: int | None = None) -> str:
    """'Children in care: 49 → 26 (−23); of this, “Staffing” −7 and “Basic services” −16.'"""
    lang = lang or get_language()
    y = int(d.totals["year"].max()) if year is None else year
    row = d.totals[(d.totals["kpi"] == kpi) & (d.totals["year"] == y)].iloc[0]
    head = t("decompose.head", lang, kpi=kpi_label(kpi, lang), a=fmt_kpi(kpi, row["a"], lang),
             b=fmt_kpi(kpi, row["b"], lang), total=fmt_delta(kpi, row["difference"], lang))
    if not d.groups or math.isnan(row["difference"]):
        return f"{head}. {t('decompose.none', lang)}"
    if row["low"] <= 0 <= row["high"]:  # the replications do not agree on the direction
        return f"{head}. {t('decompose.small', lang)}"
    share = d.share(kpi, y).dropna()
    order = share.abs().sort_values(ascending=False).index
    parts = [t("decompose.part", lang, share=fmt_delta(kpi, share[g], lang), group=group_label(g, lang))
             for g in order]
    joined = (", ".join(parts[:-1]) + f" {t('decompose.and', lang)} " + parts[-1]
              if len(parts) > 1 else parts[0])
    return f"{head}; {t('decompose.of_this', lang, parts=joined)}"


def what_came_from(d: Decomposition, kpis: Sequence[str], lang: str | None = None,
                   year: int | None = None) -> Html:
    """A list of sentences, one per KPI, computed from the decomposition."""
    lang = lang or get_language()
    items = "".join(f"<li>{html.escape(sentence(d, k, lang, year))}</li>" for k in kpis
                    if k in set(d.totals["kpi"]))
    return Html(f"<ul class='systemsim-decomposition' style='max-width:50em'>{items}</ul>")
