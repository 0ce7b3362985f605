"""A self-contained HTML page that says whether a calibration can be trusted.

Posterior marginals against their priors, pairs (where parameters trade off), the posterior
predictive against each target with its observation uncertainty, the ABC threshold per
generation and the effective sample size. Plotly's JavaScript is inlined once, so the page
opens offline.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from systemsim.calibration.posterior import Posterior
from systemsim.calibration.simulator import Simulator
from systemsim.calibration.targets import TargetFile
from systemsim.scenario import Scenario


def predictive(posterior: Posterior, scenario: Scenario, targets: TargetFile, *, draws: int = 40,
               seed: int = 0) -> dict[str, np.ndarray]:
    """Each target's model values for `draws` posterior draws, one replication each."""
    from systemsim.calibration.posterior import applicable

    use, _ = applicable(posterior, scenario)
    sim = Simulator(scenario, [], targets)
    seeds = np.random.SeedSequence([seed, 3]).generate_state(draws)
    out: dict[str, list[float]] = {t.name: [] for t in targets.targets}
    for d, s in zip(posterior.draws(draws, seed), seeds, strict=True):
        stats = sim.run({p: d[p] for p in use}, int(s))
        for name, v in stats.items():
            out[name].append(v)
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


def _cols(n: int) -> int:
    return min(4, n)


def marginals(posterior: Posterior) -> go.Figure:
    paths = posterior.paths
    cols = _cols(len(paths))
    rows = math.ceil(len(paths) / cols)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=paths)
    w = posterior.normalised_weights()
    priors = {p["path"]: p["prior"] for p in posterior.parameters}
    for i, path in enumerate(paths):
        r, c = divmod(i, cols)
        fig.add_trace(go.Histogram(x=posterior.samples[path], y=w, histfunc="sum", nbinsx=20,
                                   marker_color="#1f5fa8", showlegend=False, name=path),
                      row=r + 1, col=c + 1)
        pr = priors.get(path)
        if pr:
            fig.update_xaxes(range=[pr["low"], pr["high"]], row=r + 1, col=c + 1)
    fig.update_layout(title="Posterior marginals (x axis: the prior's range)", height=260 * rows,
                      bargap=0.05)
    return fig


def pairs(posterior: Posterior) -> go.Figure:
    w = posterior.normalised_weights()
    size = 3 + 12 * w / w.max()
    dims = [dict(label=p.split(".")[-1], values=posterior.samples[p]) for p in posterior.paths]
    fig = go.Figure(go.Splom(dimensions=dims, marker=dict(size=size, color="#1f5fa8", opacity=0.5),
                             diagonal_visible=False, showupperhalf=False))
    n = len(dims)
    fig.update_layout(title="Posterior pairs (marker size: weight)", height=max(500, 150 * n),
                      width=max(600, 150 * n), font=dict(size=9))
    return fig


def predictive_figure(pred: dict[str, np.ndarray], targets: TargetFile) -> go.Figure:
    names = [t.name for t in targets.targets]
    cols = _cols(len(names))
    rows = math.ceil(len(names) / cols)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=names)
    for i, t in enumerate(targets.targets):
        r, c = divmod(i, cols)
        fig.add_trace(go.Box(y=pred[t.name], name="model", marker_color="#1f5fa8", boxpoints="all",
                             jitter=0.4, showlegend=i == 0, legendgroup="m"), row=r + 1, col=c + 1)
        fig.add_trace(go.Scatter(x=["observed"], y=[t.value], mode="markers",
                                 error_y=dict(type="data", array=[2 * t.sd]),
                                 marker=dict(color="#c0392b", size=10), name="observed ± 2 sd",
                                 showlegend=i == 0, legendgroup="o"), row=r + 1, col=c + 1)
    fig.update_layout(title="Posterior predictive (one replication per draw) against each target",
                      height=280 * rows)
    return fig


def _row(cells: list[str]) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def page(posterior: Posterior, targets: TargetFile, pred: dict[str, np.ndarray]) -> str:
    e = html.escape
    meta = posterior.meta
    summary = posterior.summary()
    prm = "".join(_row([
        f"<code>{e(p['path'])}</code>",
        e(f"{p['prior']['low']:g}..{p['prior']['high']:g} {p['prior'].get('shape', 'uniform')}"),
        f"{p['value']:g}", f"{summary[p['path']]['q50']:.4g}",
        f"{summary[p['path']]['q05']:.4g} – {summary[p['path']]['q95']:.4g}", e(p.get("source", ""))])
        for p in posterior.parameters)
    tgt = []
    for t in targets.targets:
        v = pred[t.name][np.isfinite(pred[t.name])]
        lo, mid, hi = (np.percentile(v, [5, 50, 95]) if len(v) else (math.nan,) * 3)
        inside = "yes" if lo - 2 * t.sd <= t.value <= hi + 2 * t.sd else "<b>no</b>"
        z = (mid - t.value) / t.sd
        tgt.append(_row([e(t.name), f"{t.value:g} ± {t.sd:g}", f"{mid:.4g}", f"{lo:.4g} – {hi:.4g}",
                         f"{z:+.2f}", inside, e(t.source)]))
    figs = [marginals(posterior), pairs(posterior), predictive_figure(pred, targets)]
    divs = "".join(f"<div>{f.to_html(full_html=False, include_plotlyjs=i == 0)}</div>"
                   for i, f in enumerate(figs))
    eps = ", ".join(f"{x:.3g}" for x in meta.get("epsilons", []))
    hm = meta.get("history_matching")
    hm_text = (f"<p>History matching: {hm['kept']} of {hm['points']} points not implausible "
               f"(cut-off {hm['cutoff']:g} sd); the priors were narrowed to their box.</p>" if hm else "")
    note = f"<p class='note'>{e(meta['note'])}</p>" if meta.get("note") else ""
    versions = ", ".join(f"{k} {v}" for k, v in sorted(meta.get("versions", {}).items()))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Calibration: {e(meta.get('scenario_name', ''))}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}}
table{{border-collapse:collapse;font-size:.9em}}td,th{{border:1px solid #ccc;padding:.25em .5em}}
th{{background:#eef3f9}} .note{{color:#a05a00}}</style></head><body>
<h1>Calibration of {e(meta.get('scenario_name', ''))}</h1>
{note}
<p>Scenario <code>{e(str(meta.get('scenario')))}</code>,
targets <code>{e(str(meta.get('targets_file')))}</code>.
ABC-SMC (pyabc, {e(str(meta.get('sampler')))} sampler): population {meta.get('population')},
{meta.get('generations')} generations, {meta.get('evaluations')} model evaluations, seed {meta.get('seed')}.
Distance: root mean square of the targets' z-scores; threshold per generation: {e(eps)}.</p>
<p><b>Effective sample size: {posterior.ess():.0f}</b> of {posterior.size} weighted parameter sets.</p>
{hm_text}
<h2>Parameters</h2>
<table><tr><th>parameter</th><th>prior</th><th>file value</th><th>posterior median</th>
<th>90 % interval</th><th>source in the file</th></tr>{prm}</table>
<h2>Posterior predictive against the targets</h2>
<table><tr><th>target</th><th>observed ± sd</th><th>model median</th><th>model 90 %</th>
<th>z of median</th><th>covered (90 % ± 2 sd)</th><th>source</th></tr>{''.join(tgt)}</table>
{divs}
<p><small>{e(versions)}; created {e(str(meta.get('created', '')))}</small></p>
</body></html>
"""


def write_diagnostics(posterior: Posterior, scenario: Scenario, targets: TargetFile, out: Path, *,
                      seed: int = 0, draws: int = 40) -> Path:
    pred = predictive(posterior, scenario, targets, draws=draws, seed=seed)
    out.write_text(page(posterior, targets, pred), encoding="utf-8")
    return out
