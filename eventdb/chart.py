"""The weekly activity chart (`eventdb report actor_activity_weekly --plot FILE.png`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventdb.reports import Table


def weekly_series(table: Table, top: int = 8) -> tuple[list[dt.date], dict[str, list[int]]]:
    """Weeks from first to last (gaps filled with 0) and incidents per week for the `top` actors, the rest summed."""
    records = table.records()
    if not records:
        return [], {}
    totals: dict[str, int] = {}
    for r in records:
        totals[r["actor"]] = totals.get(r["actor"], 0) + r["incidents"]
    leaders = sorted(totals, key=lambda a: (-totals[a], a))[:top]
    first, last = min(r["week_start"] for r in records), max(r["week_start"] for r in records)
    weeks = [first + dt.timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]
    index = {w: k for k, w in enumerate(weeks)}
    series: dict[str, list[int]] = {a: [0] * len(weeks) for a in leaders}
    others = [0] * len(weeks)
    for r in records:
        target = series.get(r["actor"], others)
        target[index[r["week_start"]]] += r["incidents"]
    if any(others):
        series[f"other actors ({len(totals) - len(leaders)})"] = others
    return weeks, series


def plot_weekly(table: Table, path: Path) -> None:
    """A PNG timeline of weekly incidents per actor, readable on its own."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    weeks, series = weekly_series(table)
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=120)
    try:
        if not weeks:
            ax.text(0.5, 0.5, "no dated incidents match", ha="center", va="center", transform=ax.transAxes)
        for actor, counts in series.items():
            ax.plot(weeks, counts, marker="o", markersize=3, linewidth=1.6, label=actor)
        span = f"{weeks[0]:%d %b %Y} – {weeks[-1] + dt.timedelta(days=6):%d %b %Y}" if weeks else ""
        ax.set_title(f"Incidents per week by perpetrator\n{span}".strip())
        ax.set_xlabel("Week (ISO weeks, starting Monday)")
        ax.set_ylabel("Incidents in the week")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(True, alpha=0.3)
        if series:
            ax.legend(title="Perpetrator", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
        fig.text(0.01, 0.01, "Source: eventdb reports.actor_activity_weekly (incidents dated to the day or week)",
                 fontsize="x-small", color="grey")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
