"""Words and numbers for figures: KPI names, stage names and numbers in the reader's language.

Finnish and Swedish write "1 234 567 €" and "92,5 %"; English writes "€1,234,567" and "92.5%".
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import pandas as pd

from systemsim.i18n import get_language, has_text, t

#: the currency cost KPIs are shown in: EUR, or SEK for a Swedish scenario (`money_in`)
_CURRENCY: ContextVar[str] = ContextVar("systemsim_currency", default="EUR")


@contextmanager
def money_in(currency: str) -> Iterator[None]:
    """Format costs in `currency` ("EUR" or "SEK") inside the block."""
    token = _CURRENCY.set(currency)
    try:
        yield
    finally:
        _CURRENCY.reset(token)


def money_per_year(lang: str | None = None) -> str:
    """The cost axis title in the current currency."""
    return text("leaders.sek_a_year" if _CURRENCY.get() == "SEK" else "leaders.eur_a_year", lang)


def costs_times(table: pd.DataFrame, factor: float) -> pd.DataFrame:
    """The summary table with cost KPIs multiplied by `factor` (euros to kronor, say)."""
    if factor == 1.0 or table is None or "kpi" not in table:
        return table
    out = table.copy()
    rows = out["kpi"].map(lambda k: is_euro(str(k)))
    for column in ("mean", "low", "high"):
        if column in out:
            out.loc[rows, column] = out.loc[rows, column] * factor
    return out

#: KPIs that are shares (0..1), shown as percentages
SHARE_KPIS = frozenset({"decisions_on_time_share", "assessments_on_time_share", "kinship_share",
                        "turnover_rate", "vacancy_rate", "new_staff_share",
                        "early_support_places_used_share"})


def lang_or_current(lang: str | None) -> str:
    return lang or get_language()


def text(key: str, lang: str | None = None, **fields: object) -> str:
    return t(key, lang_or_current(lang), **fields)


def kpi_label(kpi: str, lang: str | None = None) -> str:
    """The KPI's name in `lang`: from the core catalogue, else this package's, else the key."""
    lang = lang_or_current(lang)
    for key in (f"kpi.{kpi}", f"leaders.kpi.{kpi}"):
        if has_text(key):
            return t(key, lang)
    return kpi.replace("_", " ")


def stage_label(stage: str, lang: str | None = None) -> str:
    lang = lang_or_current(lang)
    key = f"stage.{stage}" if has_text(f"stage.{stage}") else f"leaders.node.{stage}"
    return t(key, lang) if has_text(key) else stage.replace("_", " ")


def placement_label(kind: str, lang: str | None = None) -> str:
    return t(f"placement.{kind}", lang_or_current(lang))


def is_euro(kpi: str) -> bool:
    return kpi.startswith("cost_") and kpi.endswith("_eur")


def separators(lang: str | None = None) -> str:
    """Plotly's `layout.separators`: decimal mark then thousands separator."""
    return "." + "," if lang_or_current(lang) == "en" else "," + " "


def fmt_number(x: float | None, lang: str | None = None, decimals: int = 0) -> str:
    """1234567.8 -> '1 234 568' (fi, sv) or '1,234,568' (en); missing -> '–'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    lang = lang_or_current(lang)
    s = f"{x:,.{decimals}f}"
    if lang == "en":
        return s
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", " ").replace("-", "−")


def fmt_eur(x: float | None, lang: str | None = None) -> str:
    """'1 234 567 €' (fi, sv) or '€1,234,567' (en); in kronor inside `money_in("SEK")`:
    '1 234 567 kr' (fi, sv) or 'SEK 1,234,567' (en)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    lang = lang_or_current(lang)
    n = fmt_number(abs(x), lang)
    sign = "−" if x < 0 and lang != "en" else "-" if x < 0 else ""
    if _CURRENCY.get() == "SEK":
        return f"{sign}SEK {n}" if lang == "en" else f"{sign}{n} kr"
    return f"{sign}€{n}" if lang == "en" else f"{sign}{n} €"


def fmt_share(x: float | None, lang: str | None = None, decimals: int = 0) -> str:
    """0.925 -> '92,5 %' style (fi, sv) or '92.5%' (en)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    lang = lang_or_current(lang)
    n = fmt_number(100 * x, lang, decimals)
    return f"{n}%" if lang == "en" else f"{n} %"


def fmt_kpi(kpi: str, x: float | None, lang: str | None = None) -> str:
    """A KPI value as a reader expects it: euros, a percentage or a number."""
    if is_euro(kpi):
        return fmt_eur(x, lang)
    if kpi in SHARE_KPIS:
        return fmt_share(x, lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    decimals = 0 if abs(x) >= 100 or float(x).is_integer() else 1
    return fmt_number(x, lang, decimals)


def axis_format(kpi: str, lang: str | None = None) -> dict:
    """Plotly axis settings for a KPI (percent axis for shares, euro ticks for costs)."""
    lang = lang_or_current(lang)
    if kpi in SHARE_KPIS:
        return {"tickformat": ".0%"}
    if is_euro(kpi):
        sek = _CURRENCY.get() == "SEK"
        mark = ({"tickprefix": "SEK " if sek else "€"} if lang == "en"
                else {"ticksuffix": " kr" if sek else " €"})
        return {"tickformat": ",.0f", **mark}
    return {"tickformat": ",~f"}


def fmt_change(kpi: str, new: float | None, old: float | None, lang: str | None = None) -> str:
    """The change from `old` to `new`: percentage points for shares, else per cent ('−7 %')."""
    lang = lang_or_current(lang)
    bad = [v for v in (new, old) if v is None or (isinstance(v, float) and math.isnan(v))]
    if bad:
        return "–"
    minus = "-" if lang == "en" else "−"
    if kpi in SHARE_KPIS:
        diff = 100 * (new - old)
        if abs(diff) < 0.05:
            return f"±0 {text('leaders.pp', lang)}"
        sign = "+" if diff > 0 else minus
        return f"{sign}{fmt_number(abs(diff), lang, 0 if abs(diff) >= 10 else 1)} {text('leaders.pp', lang)}"
    if old == 0:
        return "–"
    rel = (new - old) / abs(old)
    if abs(rel) < 0.0005:
        return "±" + fmt_share(0, lang)
    sign = "+" if rel > 0 else minus
    return sign + fmt_share(abs(rel), lang, 0 if abs(rel) >= 0.1 else 1)
