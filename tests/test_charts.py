"""The charts (issue 4): each figure shows the counts the tests set, stays small, and escapes strangers' text.

Expected values come from the tags each test writes (or from the gap helpers' own tables), never
from the chart code. No test measures wall-clock time.
"""
from __future__ import annotations

import html
import math
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import helpers
from helpers import charts
from helpers.export.sample import write_export_zip

MAX_FIGURE_BYTES = 300_000
TODAY = pd.Timestamp("2026-11-27")


@pytest.fixture(scope="module")
def network():
    return helpers.load_export(helpers.workbook.data_folder.SAMPLE)


@pytest.fixture
def store(tmp_path):
    return helpers.TagStore(tmp_path / "tags.sqlite")


@pytest.fixture
def ids(network):
    """Contacts oldest first, so each group below spans known tenures."""
    return network.connections.sort_values("connected_on", kind="stable")["contact_id"].tolist()


@pytest.fixture
def tagged(network, store, ids):
    """12 Trust × No idea, 5 Like × Company only, 7 Know × What they do, 3 Trust × How we help; 1 rated on one scale."""
    store.tag_many(ids[0:12], relationship=3, business=0)
    store.tag_many(ids[12:17], relationship=2, business=1)
    store.tag_many(ids[17:24], relationship=1, business=2)
    store.tag_many(ids[24:27], relationship=3, business=3)
    store.tag(ids[27], relationship=2)  # half rated: not on the grid, never a John
    return helpers.gap_table(network, store, today=TODAY)


def is_message(fig: go.Figure) -> bool:
    return len(fig.data) == 0 and len(fig.layout.annotations) == 1


def message_text(fig: go.Figure) -> str:
    return fig.layout.annotations[0].text


def hover_name_lines(hover: str) -> list[str]:
    """The name lines of a hover box (after the header and the count, before "and N more")."""
    return [line for line in hover.split("<br>")[2:] if not line.startswith("and ")]


# -- the grid ---------------------------------------------------------------------------------------
def test_heatmap_counts_are_the_grid_counts(tagged):
    fig = charts.gap_heatmap(tagged)
    heatmap = fig.data[0]
    assert heatmap.type == "heatmap"
    assert np.array_equal(np.array(heatmap.z), helpers.grid_counts(tagged).to_numpy())
    assert np.array(heatmap.z)[0, 0] == 12 and np.array(heatmap.z)[1, 1] == 5 and np.array(heatmap.z).sum() == 27
    assert [y.split(" ")[0] for y in heatmap.y] == ["3", "2", "1", "0"]  # trust on top ...
    assert fig.layout.yaxis.autorange == "reversed"                        # ... as drawn
    assert [x.split(" ")[0] for x in heatmap.x] == ["0", "1", "2", "3"]
    assert "3 · Trust" in heatmap.y[0] and "0 · No idea" in heatmap.x[0]


def test_heatmap_writes_each_count_in_its_cell(tagged):
    fig = charts.gap_heatmap(tagged)
    written = {(a.x, a.y): int(re.match(r"<b>([\d,]+)</b>", a.text).group(1).replace(",", ""))
               for a in fig.layout.annotations}
    counts = helpers.grid_counts(tagged)
    assert written == {(c, r): int(counts.iloc[r, c]) for r in range(4) for c in range(4)}


def test_john_cells_are_outlined_and_labelled(tagged):
    fig = charts.gap_heatmap(tagged)
    [outline] = [s for s in fig.layout.shapes if s.name == "Johns"]
    assert outline.type == "rect" and outline.line.dash == "dash" and outline.line.width >= 3
    # rows 0–1 (trust, like) × columns 0–1 (no idea, company or title only), in category positions
    assert (outline.x0, outline.x1, outline.y0, outline.y1) == (-0.5, 1.5, -0.5, 1.5)
    assert "Johns" in outline.label.text
    assert "17 Johns" in fig.layout.title.subtitle.text  # 12 + 5


def test_heatmap_hover_caps_names_per_cell(tagged):
    hover = charts.gap_heatmap(tagged, names_per_cell=5).data[0].text[0][0]  # trust × no idea: 12 people
    assert "12 people" in hover
    assert len(hover_name_lines(hover)) == 5 and hover.endswith("and 7 more")
    first_five = helpers.cell_people(tagged, 3, 0)["full_name"].head(5)
    assert all(html.escape(name, quote=False) in hover for name in first_five)


def test_heatmap_without_names_for_screen_sharing(tagged):
    hover = charts.gap_heatmap(tagged, names_per_cell=0).data[0].text[0][0]
    assert hover_name_lines(hover) == [] and "more" not in hover and "12 people" in hover


def test_a_small_cell_lists_everyone_without_and_more(tagged):
    hover = charts.gap_heatmap(tagged, names_per_cell=8).data[0].text[1][1]  # like × company only: 5
    assert len(hover_name_lines(hover)) == 5 and "more" not in hover


def test_no_ratings_means_a_message_not_an_empty_grid(network, store):
    gap = helpers.gap_table(network, store, today=TODAY)
    assert not charts.has_ratings(gap)
    for fig in (charts.gap_heatmap(gap), charts.johns_by_company(gap), charts.johns_by_tenure(gap),
                charts.cell_table(gap, 3, 0)):
        assert is_message(fig) and "notebook 02" in message_text(fig)
    assert "notebook 02" in charts.gap_headline(gap)


def test_half_rated_is_not_enough_for_the_grid(network, store, ids):
    store.tag(ids[0], relationship=3)
    gap = helpers.gap_table(network, store, today=TODAY)
    assert not charts.has_ratings(gap) and is_message(charts.gap_heatmap(gap))


def test_ratings_without_johns_say_so(network, store, ids):
    store.tag_many(ids[:4], relationship=1, business=0)
    gap = helpers.gap_table(network, store, today=TODAY)
    assert charts.has_ratings(gap)
    for fig in (charts.johns_by_company(gap), charts.johns_by_tenure(gap)):
        assert is_message(fig) and "None of the 4 people you rated" in message_text(fig)
    assert not is_message(charts.gap_heatmap(gap))


def test_headline_counts_rated_and_johns(tagged):
    headline = charts.gap_headline(tagged)
    assert "rated 27 of your 792 contacts" in headline and "17 of them are Johns" in headline


# -- one cell ---------------------------------------------------------------------------------------
def test_cell_table_lists_the_cells_people(tagged):
    table = charts.cell_table(tagged, 3, 0).data[0]
    assert table.type == "table"
    expected = helpers.cell_people(tagged, 3, 0)
    assert list(table.cells.values[0]) == [html.escape(n, quote=False) for n in expected["full_name"]]
    assert len(table.cells.values[0]) == 12


def test_cell_table_limit_and_initials(tagged):
    fig = charts.cell_table(tagged, 3, 0, limit=4, show_names=False)
    names = list(fig.data[0].cells.values[0])
    assert len(names) == 4 and all(re.fullmatch(r"(\S\. ?)+", n) for n in names)
    assert "12 people" in fig.layout.title.text and "4" in fig.layout.title.subtitle.text


def test_cell_table_empty_cell_and_bad_scale(tagged):
    assert is_message(charts.cell_table(tagged, 0, 3))
    with pytest.raises(ValueError, match="relationship"):
        charts.cell_table(tagged, 4, 0)


# -- strangers' text ---------------------------------------------------------------------------------
def test_names_and_companies_are_escaped(tagged, ids):
    gap = tagged.copy()
    gap.loc[ids[0], "full_name"] = "<b>x</b>"
    gap.loc[ids[0], "company"] = "Fish & <i>Chips</i>"
    hover = charts.gap_heatmap(gap, names_per_cell=20).data[0].text[0][0]
    assert "&lt;b&gt;x&lt;/b&gt;" in hover and "<b>x</b>" not in hover
    assert "Fish &amp; &lt;i&gt;Chips&lt;/i&gt;" in hover
    names = charts.cell_table(gap, 3, 0, limit=20).data[0].cells.values
    assert "&lt;b&gt;x&lt;/b&gt;" in names[0] and "Fish &amp; &lt;i&gt;Chips&lt;/i&gt;" in names[1]
    labels = charts.johns_by_company(gap).data[0].y
    assert "Fish &amp; &lt;i&gt;Chips&lt;/i&gt;" in labels and not any("<i>" in label for label in labels)


def test_company_axis_labels_are_escaped(network):
    connections = network.connections.copy()
    connections.loc[connections.index[:5], "company"] = "<script>alert(1)</script>"
    strange = type(network)(**{**vars(network), "connections": connections})
    fig = charts.top_companies(strange)
    assert fig.data[0].y[0] == "&lt;script&gt;alert(1)&lt;/script&gt;" and fig.data[0].x[0] == 5
    assert "<script>" not in fig.to_json()


def test_safe_shortens_before_escaping():
    assert charts.safe("a" * 9 + "&", limit=10) == "a" * 9 + "&amp;"
    assert charts.safe("a" * 20 + "&amp", limit=10) == "a" * 9 + "…"
    assert charts.safe(None) == "" and charts.safe(float("nan")) == ""


# -- your network -----------------------------------------------------------------------------------
def test_connections_over_time_bars_and_running_total(network):
    fig = charts.connections_over_time(network)
    bars, line = fig.data
    years = network.connections["connected_on"].dropna().dt.year
    assert list(bars.x) == list(range(years.min(), years.max() + 1))  # no year skipped
    assert sum(bars.y) == len(years) and line.y[-1] == len(years)
    assert list(line.y) == list(np.cumsum(bars.y))
    assert bars.y[list(bars.x).index(2019)] == (years == 2019).sum()


def test_top_companies_counts_order_and_capped_names(network):
    fig = charts.top_companies(network, n=5, names_per_bar=1)
    expected = network.connections["company"].value_counts()
    assert list(fig.data[0].x) == expected.head(5).tolist()
    assert list(fig.data[0].x) == sorted(fig.data[0].x, reverse=True)
    first = fig.data[0].hovertext[0]
    assert len(hover_name_lines(first)) == 1 and first.endswith(f"and {expected.iloc[0] - 1} more")


def test_tenure_bands_count_everyone_dated(network):
    fig = charts.tenure_bands(network, today=TODAY)
    assert list(fig.data[0].x) == ["< 1 year", "1–3", "3–5", "5–10", "10+ years"]
    years = (TODAY - network.connections["connected_on"]).dt.days / 365.25
    expected = [((years >= lo) & (years < hi)).sum() for lo, hi in zip(charts.TENURE_EDGES, charts.TENURE_EDGES[1:])]
    expected[0] += (years < 0).sum()  # connected after "today": counted as new
    assert list(fig.data[0].y) == expected and sum(fig.data[0].y) == network.connections["connected_on"].notna().sum()


# -- reach -----------------------------------------------------------------------------------------
def test_reach_arithmetic():
    figures = charts.reach_figures(792, 400, johns=12)
    assert figures["second_degree"] == 316_800 and figures["johns_reach"] == 4_800
    assert math.isclose(figures["johns_share"], 12 / 792)
    assert charts.reach_figures(1000, 12_000)["second_degree"] == 12_000_000  # the seed's "12 million"
    assert "johns" not in charts.reach_figures(10, 2.5) and charts.reach_figures(10, 2.5)["second_degree"] == 25
    assert charts.reach_figures(0, 400, johns=0)["johns_share"] == 0.0


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf"), "400", None, True])
def test_reach_rejects_a_meaningless_network_size(bad):
    with pytest.raises(ValueError, match="positive number"):
        charts.reach_figures(792, bad)


def test_reach_figure_writes_the_sentence(network, tagged):
    plain = charts.reach(network, average_network_size=400)
    assert plain.layout.title.text == "792 contacts × 400 = 316,800 people one introduction away"
    assert list(plain.data[0].x) == [792, 316_800]
    with_johns = charts.reach(network, 400, gap=tagged)
    assert list(with_johns.data[0].x) == [792, 17 * 400, 316_800]
    assert "17 × 400 = 6,800" in with_johns.layout.title.subtitle.text


def test_reach_with_an_unrated_gap_says_what_to_do(network, store):
    fig = charts.reach(network, 150, gap=helpers.gap_table(network, store, today=TODAY))
    assert len(fig.data[0].x) == 2 and "notebook 02" in fig.layout.title.subtitle.text
    assert "792 contacts × 150 = 118,800" in fig.layout.title.text


# -- your Johns ------------------------------------------------------------------------------------
def test_johns_by_company_counts(tagged):
    fig = charts.johns_by_company(tagged, n=50)
    johns = tagged[tagged["is_john"]]
    assert sum(fig.data[0].x) == len(johns) == 17
    expected = johns["company"].fillna(charts.NO_COMPANY).value_counts()
    assert sorted(fig.data[0].x, reverse=True) == expected.tolist()


def test_johns_by_tenure_counts(tagged):
    fig = charts.johns_by_tenure(tagged)
    johns = tagged[tagged["is_john"]]
    expected = charts.tenure_band(johns["years_connected"]).value_counts().reindex(charts.TENURE_BANDS)
    assert list(fig.data[0].y) == expected.tolist() and sum(fig.data[0].y) == 17
    assert fig.data[0].y[-1] > 0  # the oldest contacts were tagged first: some go back 10+ years


# -- progress and the pipeline ----------------------------------------------------------------------
def _history(rows):
    frame = pd.DataFrame(rows, columns=["contact_id", "field", "value", "at"])
    frame["event_id"] = range(1, len(frame) + 1)
    frame["at"] = pd.to_datetime(frame["at"])
    return frame


def test_tag_progress_replays_events_day_by_day():
    history = _history([
        ("a", "relationship", 3, "2026-01-01 09:00"), ("a", "business", 0, "2026-01-01 09:00"),
        ("b", "relationship", 2, "2026-01-01 10:00"), ("b", "business", 1, "2026-01-01 10:00"),
        ("c", "business", 2, "2026-01-01 11:00"), ("c", "note", "met at a fair", "2026-01-01 11:00"),
        ("a", "business", 2, "2026-01-05 09:00"),               # a coffee chat: a is no John any more
        ("b", "business", 0, "2026-01-09 09:00"), ("b", "business", None, "2026-01-09 10:00"),  # cleared
        ("d", "status", "planned", "2026-01-09 11:00"),         # not a tag: ignored
    ])
    table = charts.tag_progress(history)
    assert list(table.index) == list(pd.to_datetime(["2026-01-01", "2026-01-05", "2026-01-09"]))
    assert table["johns"].tolist() == [2, 1, 0]
    assert table["rated"].tolist() == [3, 3, 2]
    assert table.loc["2026-01-01", ["business_0", "business_1", "business_2", "business_3"]].tolist() == [1, 1, 1, 0]
    assert table.loc["2026-01-09", ["business_0", "business_1", "business_2", "business_3"]].tolist() == [0, 0, 2, 0]


def test_progress_from_a_store_ends_at_its_counts(tagged, store, ids):
    store.log_chat(ids[0], what_they_do="Sells pumps")  # a John no more
    fig = charts.progress(store)
    [johns_line] = [trace for trace in fig.data if trace.type == "scatter"]
    assert johns_line.y[-1] == store.counts()["johns"] == 16
    mix = {trace.name: trace.y[-1] for trace in fig.data if trace.type == "bar"}
    assert mix == {"0 · No idea": 11, "1 · Company or title only": 5, "2 · What they do": 8,
                   "3 · How we can help each other": 3}


def test_pipeline_counts_each_status_in_order(store, ids):
    for contact, status in zip(ids, ["planned"] * 3 + ["invited"] * 2 + ["met"]):
        store.set_status(contact, status)
    store.log_chat(ids[10], how_i_can_help="intro to Ana", how_they_can_help="a referral")
    fig = charts.chat_pipeline(store)
    assert list(fig.data[0].y) == list(helpers.STATUSES)
    assert list(fig.data[0].x) == [3, 2, 1, 1]


def test_empty_store_progress_and_pipeline_are_messages(store):
    assert charts.tag_progress(store.history()).empty
    assert is_message(charts.progress(store)) and "notebook 02" in message_text(charts.progress(store))
    assert is_message(charts.chat_pipeline(store)) and "notebook 04" in message_text(charts.chat_pipeline(store))


def test_every_chart_is_a_figure_with_a_title(network, tagged, store):
    for fig in everything(network, tagged, store):
        assert isinstance(fig, go.Figure) and fig.layout.title.text


# -- size at 30,000 contacts -----------------------------------------------------------------------
def everything(network, gap, store) -> list[go.Figure]:
    return [charts.gap_heatmap(gap), charts.cell_table(gap, 3, 0), charts.connections_over_time(network),
            charts.top_companies(network), charts.tenure_bands(network), charts.reach(network, gap=gap),
            charts.johns_by_company(gap), charts.johns_by_tenure(gap), charts.progress(store),
            charts.chat_pipeline(store)]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """30,000 contacts (29,700 after ghost rows), 5,000 tagged in a few groups, some chats planned."""
    folder = tmp_path_factory.mktemp("big")
    network = helpers.load_export(write_export_zip(folder / "big.zip", connections=30_000, messages=30_000))
    store = helpers.TagStore(folder / "tags.sqlite")
    ids = network.connections["contact_id"].tolist()
    for start, relationship, business in [(0, 3, 0), (1000, 2, 1), (2000, 2, 0), (3000, 1, 2), (4000, 0, 0)]:
        store.tag_many(ids[start:start + 1000], relationship=relationship, business=business)
    for contact, status in zip(ids[:400], ["planned", "invited", "met", "helped each other"] * 100):
        store.set_status(contact, status)
    return network, helpers.gap_table(network, store), store


def test_every_figure_stays_small_at_30000_contacts(big):
    network, gap, store = big
    assert len(network.connections) > 29_000 and gap["tagged"].sum() == 5_000
    for fig in everything(network, gap, store):
        size = len(fig.to_json())
        assert size <= MAX_FIGURE_BYTES, (fig.layout.title.text, size)
        assert not is_message(fig), fig.layout.title.text


def test_hover_stays_capped_at_30000_contacts(big):
    _, gap, _ = big
    hover = charts.gap_heatmap(gap).data[0].text[0][0]  # 1,000 trust × no idea
    assert len(hover_name_lines(hover)) == 8 and hover.endswith("and 992 more")


def test_reach_with_ratings_but_no_johns(network, store, ids):
    store.tag_many(ids[:3], relationship=1, business=1)
    fig = charts.reach(network, 2.5, gap=helpers.gap_table(network, store, today=TODAY))
    assert list(fig.data[0].x) == [792, 1980] and "none of the people you rated is a John" in fig.layout.title.subtitle.text
    assert fig.layout.title.text == "792 contacts × 2.5 = 1,980 people one introduction away"


def test_tenure_hover_escapes_the_band_names(network):
    assert charts.tenure_bands(network, today=TODAY).data[0].hovertext[0].startswith("<b>&lt; 1 year</b>")


def test_headline_without_johns_and_with_one(network, store, ids):
    store.tag_many(ids[:3], relationship=1, business=1)
    assert "None of them is a John yet" in charts.gap_headline(helpers.gap_table(network, store, today=TODAY))
    store.tag(ids[0], relationship=3)
    assert "1 of them is a John" in charts.gap_headline(helpers.gap_table(network, store, today=TODAY))


def _colours(value):
    """Every colour string in a (template-less) figure dict."""
    if isinstance(value, dict):
        return [c for v in value.values() for c in _colours(v)]
    if isinstance(value, (list, tuple)):
        return [c for v in value for c in _colours(v)]
    if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}|rgba?\(.*\)", value):
        return [value]
    return []


def test_every_chart_is_drawn_in_greys_for_black_and_white_print(network, tagged, store):
    for fig in everything(network, tagged, store):
        figure = fig.to_plotly_json()
        figure["layout"].pop("template", None)  # the template's colourway is never used: every trace sets greys
        for colour in _colours(figure):
            channels = ([int(colour[i:i + 2], 16) for i in (1, 3, 5)] if colour.startswith("#")
                        else [int(float(x)) for x in colour[colour.index("(") + 1:-1].split(",")[:3]])
            assert len(set(channels)) == 1, (fig.layout.title.text, colour)
