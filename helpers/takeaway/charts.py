"""Charts of your network and your gap: each function returns one small plotly Figure.

Every figure is aggregated (counts per cell, bar, year or day; at most a few names on hover,
then "and N more") so a notebook stays light at 30,000 contacts, and reads in black and white:
greys, patterns, numbers written on cells and bars, a dashed outline around the Johns.

When there is nothing to draw yet (nobody rated, no Johns, no coffee chats), a chart function
does not draw empty axes: it returns a figure holding one centred sentence that says what to
do first. So notebooks never branch; `has_ratings(gap)` is there for their check cells.

Names and companies are written by other LinkedIn members and plotly interprets some HTML
tags in text, so every such string is escaped (`&`, `<`, `>`) before it reaches a figure.
"""
import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..gap.grid import cell_people, grid_counts, rated, years_since
from ..tags.contexts import CONTEXTS, SOCIAL, parse_contexts
from ..tags.scales import BUSINESS, label
from ..tags.tag_store import STATUSES
from ..base.places import place
from ..base.wording import duration, plural

INK, MID, LIGHT, PAPER = "#222222", "#8c8c8c", "#d9d9d9", "#ffffff"
GREYS = [[0.0, "#f7f7f7"], [1.0, "#3a3a3a"]]  # light = few people, dark = many
MIX_GREYS = ["#f0f0f0", "#c8c8c8", "#8c8c8c", "#444444"]  # business 0 → 3
MIX_PATTERNS = ["", "/", ".", "x"]  # so the mix also reads on a grey printout
TENURE_BANDS = ["< 1 year", "1–3", "3–5", "5–10", "10+ years"]
TENURE_EDGES = [0, 1, 3, 5, 10, math.inf]
NO_COMPANY = "(no company listed)"


def rate_first() -> str:
    return (f"Nobody is rated on both scales yet.<br>Rate the people you know best in {place('rate')} "
            f"(twenty is a good start),<br>then {place('again')}.")


# -- text from strangers, and shared looks ---------------------------------------------------------
def safe(text, limit: int | None = None) -> str:
    """Text from a LinkedIn member, shortened to `limit` characters and HTML-escaped for plotly."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    text = str(text).strip()
    if limit and len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"  # cut before escaping: never half an entity
    return html.escape(text, quote=False)


def hover_names(header: str, names: list[str], total: int, cap: int) -> str:
    """A hover box: a bold header, up to `cap` (already escaped) names, then "and N more"."""
    lines = [f"<b>{header}</b>", f"{total:,} {'person' if total == 1 else 'people'}"]
    shown = names[:cap] if cap > 0 else []
    lines += shown
    if shown and total > len(shown):
        lines.append(f"and {total - len(shown):,} more")
    return "<br>".join(lines)


def _person(row) -> str:
    """"Ana Pérez (Acme)", escaped."""
    company = safe(row.company, 40)
    return f"{safe(row.full_name, 40)} ({company})" if company else safe(row.full_name, 40)


def _style(fig: go.Figure, title: str, subtitle: str = "", height: int = 420, legend: bool = False) -> go.Figure:
    """Plain white background, dark grey text, a title that says what the chart shows."""
    fig.update_layout(template="simple_white", height=height, font=dict(family="Arial, sans-serif", color=INK),
                      title=dict(text=title, subtitle=dict(text=subtitle), x=0.02, xanchor="left"),
                      margin=dict(t=90, l=20, r=20, b=60), showlegend=legend, hoverlabel=dict(bgcolor="white"))
    return fig


def message_figure(title: str, text: str) -> go.Figure:
    """No chart yet: one centred sentence saying what to do, on a blank canvas."""
    fig = go.Figure()
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color=INK), align="center")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, title, height=260)


def _bars(labels: list[str], counts: list[int], hovers: list[str], title: str, subtitle: str,
          axis_title: str, horizontal: bool = True) -> go.Figure:
    """Grey bars with their numbers written on them, in the order given (first on top / left)."""
    bar = go.Bar(x=counts if horizontal else labels, y=labels if horizontal else counts,
                 orientation="h" if horizontal else "v", text=[f"{c:,}" for c in counts], textposition="outside",
                 cliponaxis=False, marker=dict(color=MID, line=dict(color=INK, width=1)),
                 hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>")
    fig = go.Figure(bar)
    counts_axis = dict(title_text=axis_title, rangemode="tozero", dtick=1 if max(counts, default=0) < 8 else None)
    if horizontal:
        fig.update_yaxes(autorange="reversed", automargin=True)
        fig.update_xaxes(**counts_axis)
    else:
        fig.update_yaxes(**counts_axis)
    return _style(fig, title, subtitle, height=max(320, 110 + 28 * len(labels)) if horizontal else 420)


def _unique_labels(names: list[str]) -> list[str]:
    """Shortened names must stay distinct, or plotly would merge two companies into one bar."""
    unique: list[str] = []
    for name in names:
        candidate, n = name, 1
        while candidate in unique:
            n += 1
            candidate = f"{name} ({n})"
        unique.append(candidate)
    return unique


# -- the gap ---------------------------------------------------------------------------------------
def has_ratings(gap: pd.DataFrame) -> bool:
    """Is anyone rated on both scales (so on the grid)?"""
    return len(rated(gap)) > 0


def gap_headline(gap: pd.DataFrame) -> str:
    """One sentence for the top of the gap notebook: how many rated, how many Johns."""
    both, johns = len(rated(gap)), int(gap["is_john"].sum())
    if not both:
        return rate_first().replace("<br>", " ")
    rated_line = f"You have rated {both:,} of your {len(gap):,} contacts on both scales."
    if not johns:
        return f"{rated_line} None of them is a John yet: rate more of the people you like or trust in {place('rate')}."
    return (f"{rated_line} {johns:,} of them {'is a John' if johns == 1 else 'are Johns'} ({johns / both:.0%} of "
            "those you rated): you like or trust them, but can't say what they do.")


def _axis_word(scale: str, value: int) -> str:
    """"1 · Company<br>or title only": scale words wrapped so the grid's labels stay narrow."""
    words = label(scale, value).split(" ")
    lines, line = [], ""
    for word in words:
        if line and len(line) + len(word) > 14:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def gap_heatmap(gap: pd.DataFrame, names_per_cell: int = 8) -> go.Figure:
    """The 4×4 grid of rated contacts: counts in the cells, Johns outlined, names on hover.

    `names_per_cell=0` keeps names off the hover boxes (for sharing a screen).
    """
    title = "Your gap: how well you know people × whether you know what they do"
    if not has_ratings(gap):
        return message_figure(title, rate_first())
    counts = grid_counts(gap)
    total, johns = int(counts.to_numpy().sum()), int(counts.loc[[3, 2], [0, 1]].to_numpy().sum())
    hovers = [[_cell_hover(gap, r, b, int(counts.loc[r, b]), names_per_cell) for b in counts.columns]
              for r in counts.index]
    fig = go.Figure(go.Heatmap(
        z=counts.to_numpy().tolist(), x=[_axis_word("business", b) for b in counts.columns],
        y=[_axis_word("relationship", r) for r in counts.index], text=hovers,
        hovertemplate="%{text}<extra></extra>", colorscale=GREYS, zmin=0, showscale=False, xgap=2, ygap=2))
    _write_counts(fig, counts)
    _outline_johns(fig)
    fig.update_yaxes(autorange="reversed", title_text="How well you know them (know · like · trust)")
    fig.update_xaxes(side="bottom", title_text="Do you know what they do? (business knowledge)")
    subtitle = (f"{total:,} rated on both scales; {plural(johns, 'John')} (dashed outline): you like or trust them "
                "but can't say what they do")
    return _style(fig, title, subtitle, height=560)


def _cell_hover(gap: pd.DataFrame, relationship: int, business: int, count: int, cap: int) -> str:
    header = f"{safe(label('relationship', relationship))} × {safe(label('business', business))}"
    people = cell_people(gap, relationship, business).head(cap) if cap > 0 and count else None
    names = [_person(row) for row in people.itertuples()] if people is not None else []
    return hover_names(header, names, count, cap)


def _write_counts(fig: go.Figure, counts: pd.DataFrame) -> None:
    """Each cell's count (and share), white on dark cells and black on light ones, for print."""
    top, total = max(int(counts.to_numpy().max()), 1), max(int(counts.to_numpy().sum()), 1)
    for row, relationship in enumerate(counts.index):
        for column, business in enumerate(counts.columns):
            n = int(counts.loc[relationship, business])
            share = "" if not n else "<br>&lt;1%" if n / total < 0.005 else f"<br>{n / total:.0%}"
            fig.add_annotation(x=column, y=row, xref="x", yref="y", showarrow=False, text=f"<b>{n:,}</b>{share}",
                               font=dict(size=16, color=PAPER if n / top > 0.5 else INK))


def _outline_johns(fig: go.Figure) -> None:
    """A thick dashed rectangle round relationship 2–3 × business 0–1 (rows 0–1, columns 0–1)."""
    fig.add_shape(type="rect", xref="x", yref="y", x0=-0.5, x1=1.5, y0=-0.5, y1=1.5, name="Johns",
                  line=dict(color=INK, width=4, dash="dash"), fillcolor="rgba(0,0,0,0)", opacity=1, layer="above",
                  label=dict(text="<b>Johns</b>", textposition="top center", font=dict(size=15, color=INK),
                             padding=6))


def cell_table(gap: pd.DataFrame, relationship: int, business: int, limit: int = 50,
               show_names: bool = True) -> go.Figure:
    """The people in one cell of the grid, longest known first (at most `limit` rows).

    `show_names=False` shows initials only, for sharing a screen.
    """
    for scale, value in (("relationship", relationship), ("business", business)):
        if value not in (0, 1, 2, 3):
            raise ValueError(f"{scale} must be 0, 1, 2 or 3; got {value!r}")
    where = f"{label('relationship', relationship)} × {label('business', business)}"
    people = cell_people(gap, relationship, business)
    if people.empty:
        return message_figure(f"Nobody in {where}", rate_first() if not has_ratings(gap) else
                              f"Nobody you rated is in this cell. Pick another cell, or rate more people in {place('rate')}.")
    shown = people.head(limit)
    names = [safe(n, 40) if show_names else _initials(n) for n in shown["full_name"]]
    columns = {
        "Name": names,
        "Company": [safe(c, 40) for c in shown["company"]],
        "Position": [safe(p, 40) for p in shown["position"]],
        "Known for": [duration(y) for y in shown["years_connected"]],
        "Last contact": [f"{d:%b %Y}" if pd.notna(d) else "—" for d in shown["last_contact"]],
    }
    stripes = [[PAPER if i % 2 == 0 else "#f0f0f0" for i in range(len(shown))]] * len(columns)
    table = go.Table(columnwidth=[3, 3, 3, 1.4, 1.6],
                     header=dict(values=[f"<b>{c}</b>" for c in columns], fill_color=LIGHT, align="left",
                                 line_color=MID, font=dict(color=INK)),
                     cells=dict(values=list(columns.values()), fill_color=stripes, align="left",
                                line_color=LIGHT, font=dict(color=INK)))
    fig = go.Figure(table)
    subtitle = (f"showing the {limit:,} you have known longest" if len(people) > limit else "longest known first")
    return _style(fig, f"{where}: {len(people):,} {'person' if len(people) == 1 else 'people'}", subtitle,
                  height=min(180 + 30 * len(shown), 900))  # 150 px of margins and header


def _initials(name) -> str:
    """"Ana Pérez" -> "A. P." (for screens shared in a workshop)."""
    return safe(" ".join(f"{part[0]}." for part in str(name).split() if part)) if isinstance(name, str) else ""


# -- your network ----------------------------------------------------------------------------------
def connections_over_time(network) -> go.Figure:
    """New connections per year (bars) and the running total (line)."""
    years = network.connections["connected_on"].dropna().dt.year
    title = "How your network grew"
    if years.empty:
        return message_figure(title, "This export has no connection dates, so there is no timeline to draw.")
    per_year = years.value_counts().reindex(range(int(years.min()), int(years.max()) + 1), fill_value=0).sort_index()
    running = per_year.cumsum()
    fig = go.Figure([
        go.Bar(x=per_year.index, y=per_year.to_numpy(), name="new that year", text=per_year.to_numpy(),
               textposition="outside", cliponaxis=False, marker=dict(color=LIGHT, line=dict(color=INK, width=1)),
               hovertemplate="%{x}: %{y:,} new connections<extra></extra>"),
        go.Scatter(x=running.index, y=running.to_numpy(), name="running total", yaxis="y2", mode="lines+markers",
                   line=dict(color=INK, width=2), marker=dict(symbol="circle", size=6, color=INK),
                   hovertemplate="end of %{x}: %{y:,} contacts<extra></extra>"),
    ])
    fig.update_layout(yaxis=dict(title_text="new connections that year", rangemode="tozero"),
                      yaxis2=dict(title_text="contacts in total", overlaying="y", side="right", rangemode="tozero",
                                  tickmode="auto", showgrid=False),
                      xaxis=dict(title_text="year", dtick=1 if len(per_year) <= 20 else 2),
                      legend=dict(orientation="h", y=-0.2))
    unknown = len(network.connections) - len(years)
    subtitle = (f"{int(running.iloc[-1]):,} contacts since {per_year.index[0]}: bars are new connections each year, "
                "the line the running total" + (f" ({unknown:,} without a date left out)" if unknown else ""))
    return _style(fig, f"{title}: {int(running.iloc[-1]):,} contacts over {len(per_year)} years", subtitle,
                  height=460, legend=True)


def top_companies(network, n: int = 15, names_per_bar: int = 8) -> go.Figure:
    """The `n` companies where most of your contacts work, with a few names each on hover."""
    people = network.connections[network.connections["company"].notna()]
    title = f"Where your contacts work: the {n} companies with the most of them"
    if people.empty:
        return message_figure(title, "No contact in this export lists a company.")
    sizes = people.groupby("company").size()
    top = sizes.sort_values(ascending=False, kind="stable").head(n)  # ties: alphabetical (groupby sorted)
    hovers = _group_hovers(people, "company", top, names_per_bar)
    missing = len(network.connections) - len(people)
    subtitle = f"{sizes.size:,} companies in all" + (f"; {missing:,} contacts list none" if missing else "")
    return _bars(_unique_labels([safe(c, 40) for c in top.index]), top.tolist(), hovers, title, subtitle,
                 "contacts")


def _group_hovers(people: pd.DataFrame, key: str, sizes: pd.Series, cap: int) -> list[str]:
    """For each group in `sizes` (in order): a hover box with up to `cap` names, longest known first."""
    chosen = people[people[key].isin(sizes.index)]
    order = chosen.sort_values(["connected_on", "full_name"], kind="stable", na_position="last")
    firsts = order.groupby(key, sort=False, observed=True).head(max(cap, 0))
    names = {group: [_person(row) for row in rows.itertuples()] for group, rows in firsts.groupby(key, observed=True)}
    return [hover_names(safe(group, 60), names.get(group, []), int(size), cap) for group, size in sizes.items()]


def tenure_band(years: pd.Series) -> pd.Series:
    """Years connected -> "< 1 year", "1–3", "3–5", "5–10", "10+ years" (NaN stays NaN)."""
    return pd.cut(years, TENURE_EDGES, right=False, labels=TENURE_BANDS)


def tenure_bands(network, today=None) -> go.Figure:
    """How long you have been connected with your contacts, in five bands."""
    years = years_since(network.connections["connected_on"], today).clip(lower=0)
    counts = tenure_band(years).value_counts().reindex(TENURE_BANDS, fill_value=0)
    total = int(counts.sum())
    title = "How long you have been connected"
    if not total:
        return message_figure(title, "This export has no connection dates, so tenure cannot be counted.")
    hovers = [f"<b>{safe(band)}</b><br>{c:,} contacts ({c / total:.0%})" for band, c in counts.items()]
    long_known = int(counts[["5–10", "10+ years"]].sum())
    subtitle = f"{long_known:,} of your contacts ({long_known / total:.0%}) go back five years or more"
    fig = _bars(TENURE_BANDS, counts.tolist(), hovers, title, subtitle, "contacts", horizontal=False)
    fig.update_xaxes(title_text="connected for")
    return fig


def reach_figures(first_degree: int, average_network_size: float = 400, johns: int | None = None) -> dict:
    """The compounding arithmetic: contacts × their average network size = people one introduction away.

    An upper bound (friends share friends). With `johns`, the part of that reach your Johns hold.
    """
    if isinstance(average_network_size, bool) or not isinstance(average_network_size, (int, float, np.number)) \
            or not average_network_size > 0 or not math.isfinite(average_network_size):
        raise ValueError(f"average_network_size must be a positive number, such as 400; got {average_network_size!r}")
    size = average_network_size
    figures = {"first_degree": int(first_degree), "average_network_size": size,
               "second_degree": round(first_degree * size)}
    if johns is not None:
        figures.update(johns=int(johns), johns_reach=round(johns * size),
                       johns_share=johns / first_degree if first_degree else 0.0)
    return figures


def reach(network, average_network_size: float = 400, gap: pd.DataFrame | None = None) -> go.Figure:
    """The compounding lesson as bars: your contacts, what your Johns reach, what all of them reach."""
    johns = int(gap["is_john"].sum()) if gap is not None and has_ratings(gap) else None
    figures = reach_figures(len(network.connections), average_network_size, johns)
    size = _number(figures["average_network_size"])
    sentence = f"{figures['first_degree']:,} contacts × {size} = {figures['second_degree']:,} people one introduction away"
    labels, values = ["you know directly", "one introduction away"], [figures["first_degree"], figures["second_degree"]]
    subtitle = f"if each contact knows about {size} people (an upper bound: friends share friends)"
    if johns == 0:
        subtitle += "; none of the people you rated is a John yet"
    elif johns is not None:
        labels.insert(1, "through your Johns")
        values.insert(1, figures["johns_reach"])
        subtitle += (f"; your {johns:,} Johns alone: {johns:,} × {size} = {figures['johns_reach']:,} people "
                     f"({figures['johns_share']:.1%} of that reach)")
    elif gap is not None:
        subtitle += f"; rate your contacts in {place('rate')} to see your Johns' share"
    hovers = [f"<b>{name}</b><br>{value:,} people" for name, value in zip(labels, values)]
    fig = _bars(labels, values, hovers, sentence, subtitle, "people")
    fig.update_layout(margin=dict(r=90))  # room for the big number written beside the longest bar
    return fig


def _number(value: float) -> str:
    """400 -> "400", 12000 -> "12,000", 2.5 -> "2.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


# -- your Johns ------------------------------------------------------------------------------------
def _johns_or_message(gap: pd.DataFrame, title: str) -> tuple[pd.DataFrame, go.Figure | None]:
    """The Johns, or a figure saying why there are none to chart yet."""
    if not has_ratings(gap):
        return gap.iloc[:0], message_figure(title, rate_first())
    johns = gap[gap["is_john"].to_numpy(dtype=bool)]
    if johns.empty:
        return johns, message_figure(title, f"None of the {len(rated(gap)):,} people you rated is a John (yet).<br>"
                                            f"Rate more of the people you like or trust in {place('rate')}.")
    return johns, None


def johns_by_company(gap: pd.DataFrame, n: int = 15, names_per_bar: int = 8) -> go.Figure:
    """Where your Johns work: the `n` companies with the most Johns."""
    title = "Where your Johns work"
    johns, message = _johns_or_message(gap, title)
    if message is not None:
        return message
    johns = johns.assign(company=johns["company"].fillna(NO_COMPANY))
    sizes = johns.groupby("company").size().sort_values(ascending=False, kind="stable").head(n)
    hovers = _group_hovers(johns, "company", sizes, names_per_bar)
    subtitle = f"{len(johns):,} Johns at {johns['company'].nunique():,} companies; the top {len(sizes)} shown"
    return _bars(_unique_labels([safe(c, 40) for c in sizes.index]), sizes.tolist(), hovers,
                 f"{title}: the companies of the people you like but can't place", subtitle, "Johns")


def johns_by_tenure(gap: pd.DataFrame, names_per_bar: int = 8) -> go.Figure:
    """How long you have known your Johns, in the five tenure bands."""
    title = "How long you have known your Johns"
    johns, message = _johns_or_message(gap, title)
    if message is not None:
        return message
    johns = johns.assign(band=tenure_band(johns["years_connected"]))
    sizes = johns.groupby("band", observed=False).size().reindex(TENURE_BANDS, fill_value=0)
    hovers = _group_hovers(johns, "band", sizes, names_per_bar)
    old = int(sizes[["5–10", "10+ years"]].sum())
    subtitle = f"{old:,} of your {plural(len(johns), 'John')} go back five years or more" + \
        (": trust you already have, waiting to be used" if old else "")
    fig = _bars(TENURE_BANDS, sizes.tolist(), hovers, title, subtitle, "Johns", horizontal=False)
    fig.update_xaxes(title_text="connected for")
    return fig


NOT_SAID = "(not said yet)"


def johns_by_context(gap: pd.DataFrame, names_per_bar: int = 8) -> go.Figure:
    """Where you know your Johns from (neighbour, school or kids, former colleague, ...): one bar per context.

    A John with two contexts counts in both bars; Johns with none are in "(not said yet)".
    """
    title = "Where you know your Johns from"
    johns, message = _johns_or_message(gap, title)
    if message is not None:
        return message
    contexts = johns.get("contexts", pd.Series(None, index=johns.index, dtype=object)).map(parse_contexts)
    said = contexts.map(bool)
    if not said.any():
        return message_figure(title, f"None of your {plural(len(johns), 'John')} has a \"where from\" yet.<br>"
                                     f"Click where you know them from on the tagger cards ({place('rate')}).")
    exploded = johns.assign(context=contexts.map(lambda c: c or [NOT_SAID])).explode("context")
    counts = exploded.groupby("context").size()
    order = [c for c in CONTEXTS if c in counts] + \
        sorted((c for c in counts.index if c not in CONTEXTS and c != NOT_SAID), key=lambda c: (-counts[c], c)) + \
        ([NOT_SAID] if NOT_SAID in counts else [])
    sizes = counts.reindex(order)
    hovers = _group_hovers(exploded, "context", sizes, names_per_bar)
    social = int(contexts.map(lambda c: any(x in SOCIAL for x in c)).sum())
    subtitle = (f"{social:,} of the {plural(int(said.sum()), 'John')} you placed ({social / said.sum():.0%}) are people "
                "you know socially: neighbours, school or kids, friends or family, clubs")
    if (~said).any():
        subtitle += f"; {int((~said).sum()):,} not placed yet"
    headline = f"{title}: most are people you know socially" if social > said.sum() / 2 else title
    return _bars([safe(c, 40) for c in order], sizes.tolist(), hovers, headline, subtitle, "Johns")


# -- progress --------------------------------------------------------------------------------------
def tag_progress(history: pd.DataFrame) -> pd.DataFrame:
    """Replay the tag events day by day: at the end of each day, how many rated, Johns, and the business mix.

    Columns: `rated` (business knowledge rated), `johns`, and `business_0` … `business_3`; one row per
    day (UTC, as the store keeps time) with a relationship or business change.
    """
    columns = ["rated", "johns"] + [f"business_{b}" for b in BUSINESS]
    events = history[history["field"].isin(["relationship", "business"])].sort_values("event_id")
    if events.empty:
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="day"), dtype=int)
    events = events.assign(day=pd.to_datetime(events["at"]).dt.normalize())
    # the last value of each field per contact and day is where that day left it
    last = events.drop_duplicates(["day", "contact_id", "field"], keep="last").sort_values("day", kind="stable")
    codes, contacts = pd.factorize(last["contact_id"])
    values = pd.to_numeric(last["value"], errors="coerce").to_numpy(dtype=float)  # None (cleared) -> NaN
    which = (last["field"] == "business").to_numpy(dtype=int)  # state row 0: relationship, 1: business
    days = last["day"].to_numpy()
    starts = np.flatnonzero(np.r_[True, days[1:] != days[:-1]])
    state = np.full((2, len(contacts)), np.nan)
    rows = []
    for start, end in zip(starts, np.r_[starts[1:], len(days)]):
        state[which[start:end], codes[start:end]] = values[start:end]
        rows.append(_mix(state[0], state[1]))
    return pd.DataFrame(rows, columns=columns, index=pd.DatetimeIndex(days[starts], name="day")).astype(int)


def _mix(relationship: np.ndarray, business: np.ndarray) -> list[int]:
    johns = int(((relationship >= 2) & (business <= 1)).sum())  # NaN compares False: unknown is never a John
    return [int((~np.isnan(business)).sum()), johns] + [int((business == b).sum()) for b in BUSINESS]


def progress(store) -> go.Figure:
    """How your Johns and your business knowledge changed, day by day, from the tag history."""
    table = tag_progress(store.history())
    title = "Your progress, day by day: your Johns, and whether you know what people do"
    if table.empty:
        return message_figure(title, f"No tags yet, so no progress to show.<br>Rate people in {place('rate')} "
                                     f"and log coffee chats in {place('log_chats')}.")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12, row_heights=[0.4, 0.6],
                        subplot_titles=("Johns at the end of each day",
                                        "Do you know what they do? (everyone rated on business knowledge)"))
    days = [f"{day:%d %b %Y}" for day in table.index]  # evenly spaced categories: a few busy days read best
    fig.add_trace(go.Scatter(x=days, y=table["johns"], mode="lines+markers+text", text=table["johns"],
                             textposition="top center", line=dict(color=INK, width=2, shape="hv"),
                             marker=dict(color=INK, size=7), name="Johns", cliponaxis=False,
                             hovertemplate="%{x}: %{y:,} Johns<extra></extra>"), row=1, col=1)
    for b, word in BUSINESS.items():
        fig.add_trace(go.Bar(x=days, y=table[f"business_{b}"], name=f"{b} · {word}",
                             marker=dict(color=MIX_GREYS[b], line=dict(color=INK, width=1),
                                         pattern=dict(shape=MIX_PATTERNS[b], fgcolor=INK if b < 3 else PAPER)),
                             hovertemplate=f"%{{x}}: %{{y:,}} · {html.escape(word)}<extra></extra>"),
                      row=2, col=1)
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=-0.15, traceorder="normal"))
    fig.update_yaxes(range=[0, table["johns"].max() * 1.3 + 1], row=1, col=1, title_text="Johns")  # room for labels
    fig.update_yaxes(title_text="people", row=2, col=1)
    last = table.iloc[-1]
    subtitle = (f"{plural(len(table), 'day')} with changes; now {int(last['johns']):,} Johns, and you know what "
                f"{int(last['business_2'] + last['business_3']):,} of {int(last['rated']):,} people do")
    fig = _style(fig, title, subtitle, height=620, legend=True)
    fig.update_layout(margin_t=120)  # room for the first panel's own title under the subtitle
    return fig


def chat_pipeline(store) -> go.Figure:
    """Coffee chats by where they stand: planned → invited → met → helped each other."""
    current = store.current()
    statuses = current["status"] if "status" in current else pd.Series(dtype=object)
    counts = statuses.value_counts().reindex(list(STATUSES), fill_value=0)
    title = "Your coffee chats: where each one stands"
    if not counts.sum():
        return message_figure(title, "No coffee chats planned yet.<br>Pick three people from your reconnect "
                                     f"list in {place('plan')} and plan a chat with each.")
    total = int(counts.sum())
    hovers = [f"<b>{status}</b><br>{c:,} of {total:,} people" for status, c in counts.items()]
    subtitle = f"{total:,} people in your pipeline; {int(counts['helped each other']):,} of them helped each other"
    return _bars(list(STATUSES), counts.tolist(), hovers, title, subtitle, "people")
