"""The weekly activity chart (`eventdb report actor_activity_weekly --plot FILE.png`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventdb.reports import Table


def weekly_series(table: Table, top: int = 6) -> tuple[list[dt.date], dict[str, list[int]]]:
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


def _week_label(x: float, pos: int | None = None) -> str:
    import matplotlib.dates as mdates

    return mdates.num2date(x).strftime("%G-W%V")  # ISO year and week, as reports.actor_activity_weekly.iso_week


def plot_weekly(table: Table, path: Path, top: int = 6) -> None:
    """A PNG of weekly incidents, one panel of bars per perpetrator (the `top` ones, then the rest).

    Why this shape: lines of several actors hid each other where they coincided and
    joined weeks across empty ones; a panel each, on shared axes, shows every actor's
    weeks side by side, a bar spanning its Monday to Sunday and nothing in empty weeks.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    weeks, series = weekly_series(table, top)
    panels = max(1, len(series))
    fig, axes = plt.subplots(panels, 1, sharex=True, sharey=True, squeeze=False,
                             figsize=(11, 1.9 + 1.15 * panels), dpi=120)
    axes = axes[:, 0]
    try:
        span = f"{weeks[0]:%d %b %Y} – {weeks[-1] + dt.timedelta(days=6):%d %b %Y}" if weeks else "no data"
        fig.suptitle(f"Incidents per week by perpetrator, {span}", fontsize="large")
        if not weeks:
            axes[0].text(0.5, 0.5, "no incidents dated to the day or week match", ha="center", va="center",
                         transform=axes[0].transAxes)
        colors = plt.get_cmap("tab10").colors
        for k, (ax, (actor, counts)) in enumerate(zip(axes, series.items())):
            color = "0.55" if actor.startswith("other actors") else colors[k % len(colors)]
            ax.bar(weeks, counts, width=6, align="edge", color=color, linewidth=0)
            ax.text(0.005, 0.95, f"{actor}: {sum(counts)} incident{'s' if sum(counts) != 1 else ''}",
                    transform=ax.transAxes, ha="left", va="top", fontsize="small",
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5})
            ax.grid(axis="y", alpha=0.3)
            ax.spines[["top", "right"]].set_visible(False)
        if weeks:
            peak = max(max(c) for c in series.values())
            axes[0].set_ylim(0, peak * 1.45 + 0.1)  # room for each panel's label above its bars
            axes[0].yaxis.set_major_locator(MaxNLocator(integer=True, nbins=3, min_n_ticks=1))
            axes[-1].set_xlim(weeks[0] - dt.timedelta(days=3), weeks[-1] + dt.timedelta(days=10))
            every = max(1, -(-len(weeks) // 12))  # at most about 12 labelled weeks
            # Ticks on Thursdays: the middle of each bar, and the day that decides an ISO week's year.
            axes[-1].xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.TH, interval=every))
            axes[-1].xaxis.set_major_formatter(FuncFormatter(_week_label))
            if every > 1 and len(weeks) <= 120:
                axes[-1].xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.TH))
            plt.setp(axes[-1].get_xticklabels(), rotation=45, ha="right")
        axes[-1].set_xlabel("ISO week (Monday to Sunday); no bar: no incident that week")
        fig.supylabel("Incidents in the week")
        fig.text(0.01, 0.005, "Source: eventdb reports.actor_activity_weekly; incidents dated to the day or week, "
                 "by the perpetrator each is attributed to", fontsize="x-small", color="grey")
        fig.tight_layout(rect=(0.01, 0.02, 1, 1))
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
