"""Command line for facilitators and scripts: `python -m helpers COMMAND ...` (try `--help`).

Each command is a function that registers its own sub-parser (see COMMANDS); adding one is
a new `add_..._command` function and one line in COMMANDS. Progress goes to stderr, so stdout
stays free for pipes. Exit codes: 0 done, 1 ran but had nothing to give (see the command's
help), 2 the input could not be used (a message says why and what to do; never a traceback).
"""
import argparse
import sys
from datetime import date
from pathlib import Path

from .export.network import load_export
from .base.wording import plural
from .gap.grid import gap_table
from .gap.introductions import can_you_introduce, suggest_introductions
from .gap.reconnect import reconnect_list
from .takeaway.reconnect_export import next_monday, write_reconnect_csv, write_reconnect_ics
from .tags.tag_store import TagStore
from .workbook.data_folder import default_store_path

EXIT_OK, EXIT_NOTHING, EXIT_ERROR = 0, 1, 2
SQLITE_HEADER = b"SQLite format 3\x00"


class UsageProblem(Exception):
    """Something the person can fix (a path, a file): the message says what to do."""


def main(argv=None) -> int:
    _readable_stderr()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return args.run(args)
    except UsageProblem as problem:
        return fail(str(problem))
    except ValueError as error:  # ExportError and TagStoreError are ValueErrors with an actionable message
        return fail(str(error))
    except KeyboardInterrupt:
        say("Stopped.")
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers",
        description="The Reconnect workbook from the command line.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add_command in COMMANDS:
        add_command(commands)
    return parser


# -- reconnect ---------------------------------------------------------------------------------

RECONNECT_EPILOG = """\
Only people you have rated (notebook 02, or a tag store CSV you imported) are ranked.

Exit status:
  0  the list was written
  1  nobody to list yet (nobody rated, or nobody you know with something left to
     learn): a CSV with just the column headings is still written, no calendar;
     rate people in notebooks/02-tag-know-like-trust.ipynb and run this again
  2  the export, the tag store or an output path could not be used (the message
     says what to do)

Example:
  python -m helpers reconnect data/private/Complete_LinkedInDataExport_03-07-2026.zip \\
      --out data/private/reconnect.csv --ics data/private/chats.ics --top 20
"""


def add_reconnect_command(commands) -> None:
    parser = commands.add_parser(
        "reconnect", help="write your ranked reconnect list (CSV) and a coffee-chat calendar (ICS)",
        description="Rank the people you rated (who to reconnect with first, and why) and write the list\n"
                    "as a CSV for Excel, LibreOffice or a CRM and, optionally, a calendar of coffee chats.",
        epilog=RECONNECT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", metavar="EXPORT", type=Path,
                        help="your LinkedIn export: the zip, the unzipped folder, or Connections.csv")
    parser.add_argument("--tags", metavar="DB", type=Path,
                        help=f"your tag store (must exist; default: {default_store_path()})")
    parser.add_argument("--out", metavar="CSV", type=Path, default=Path("reconnect.csv"),
                        help="where to write the list (default: reconnect.csv)")
    parser.add_argument("--ics", metavar="ICS", type=Path,
                        help="also write a calendar with one coffee chat per person on the list")
    parser.add_argument("--top", metavar="N", type=positive_int, help="only the first N people (default: all)")
    parser.add_argument("--per-week", metavar="N", type=positive_int, default=3,
                        help="coffee chats a week in the calendar, Tuesday to Thursday (default: 3)")
    parser.add_argument("--start", metavar="YYYY-MM-DD", type=iso_date,
                        help="first day a chat may fall on (default: next Monday)")
    parser.set_defaults(run=run_reconnect)


def run_reconnect(args) -> int:
    network = read_export(args.export)
    store = open_tag_store(args.tags)
    sync_tags(network, store)
    say("Ranking… ", end="")
    listing = reconnect_list(network, store, top=args.top)
    say(plural(len(listing), "person"))
    write_output(write_reconnect_csv, listing, args.out)
    say(f"Wrote {args.out} ({plural(len(listing), 'row')})")
    if listing.empty:
        say(nothing_to_list(store, args.tags) + (f" No calendar was written to {args.ics}." if args.ics else ""))
        return EXIT_NOTHING
    if args.ics:
        start = args.start or next_monday()
        write_output(write_reconnect_ics, listing, args.ics, start=start, per_week=args.per_week,
                     owner=network.owner_name)
        say(f"Wrote {args.ics} ({len(listing):,} coffee chats, {args.per_week} a week from {start:%a %d %b %Y})")
    return EXIT_OK


def read_export(path: Path):
    say(f"Reading export {path}… ", end="")
    network = load_export(path)
    say(plural(len(network.connections), "contact"))
    return network


def open_tag_store(path: Path | None):
    """The store the user named (which must exist), else the workbook's default one."""
    if path is not None:
        check_tag_store_path(path, default_store_path())
    store = TagStore(path)  # the default is created when missing, as the notebooks do
    counts = store.counts()
    say(f"Tag store {store.path}: {counts['tagged']:,} rated, {counts['johns']:,} Johns")
    return store


def check_tag_store_path(path: Path, default: Path) -> None:
    """Refuse a path that is not a tag store *before* opening it: no empty store, no backup copies."""
    expected = f"{path}: expected your tag store (an SQLite file such as {default.name}), but "
    advice = f" Check the path, or leave out --tags to use the workbook's store ({default})."
    if not path.is_file():
        raise UsageProblem(expected + ("it is a folder." if path.is_dir() else "there is no such file.") + advice)
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise UsageProblem(expected + f"it could not be read ({error.strerror or error})." + advice) from None
    if head not in (SQLITE_HEADER, b""):  # an empty file is a new store, as TagStore sees it
        raise UsageProblem(expected + "it is not an SQLite file." + advice)


def sync_tags(network, store) -> None:
    """Follow rated people whose id changed since an older export; say so when it changes the list."""
    report = store.sync(network)
    if report.migrated or report.not_found:
        say(str(report))


def nothing_to_list(store, tags_path) -> str:
    """Why the list is empty, and what to do about it."""
    again = f"run this again with --tags {tags_path}" if tags_path else "run this again"
    if store.counts()["tagged"] == 0:
        return (f"Nobody is rated yet in {store.path}, so there is nobody to rank. Rate the people you know "
                f"in notebooks/02-tag-know-like-trust.ipynb, then {again}.")
    return ("Nobody you rated is on the list: it takes relationship 1 or more (you know them) and business "
            f"knowledge 2 or less (something left to learn). Rate more people in notebook 02, then {again}.")


def write_output(writer, listing, path: Path, **options) -> None:
    try:
        writer(listing, path, **options)
    except OSError as error:
        raise UsageProblem(f"{path}: could not write it ({error.strerror or error}). Check the folder exists "
                           "and the file is not open in another program (Excel locks files it has open).") from None


# -- introductions -----------------------------------------------------------------------------

INTRODUCTIONS_EPILOG = """\
Suggestions come from your coffee chats (notebook 05: what they do, how you can help
each other, what they're looking for), between people you like or trust
(relationship 2 or 3). Each comes with the matching words and two draft notes: ask
each person first (double opt-in), and only then introduce them. Nothing is sent.

Exit status:
  0  suggestions (or an answer to --ask) were printed
  1  nothing to suggest yet: no coffee chats logged, or no need in them matches
     another person's offer (log chats in notebooks/05-coffee-chats.ipynb)
  2  the export, the tag store or the output path could not be used

Examples:
  python -m helpers introductions data/private/Complete_LinkedInDataExport_03-07-2026.zip
  python -m helpers introductions EXPORT --tags data/private/tags.sqlite --ask logistics
  python -m helpers introductions EXPORT --out introductions.csv
"""


def add_introductions_command(commands) -> None:
    parser = commands.add_parser(
        "introductions", help="who in your network should meet whom, with draft notes (from your coffee chats)",
        description="Suggest introductions between people you like or trust, where one's need (from your coffee\n"
                    "chats) matches what the other does; or, with --ask, what you can honestly say about a name,\n"
                    "a company or a line of work.",
        epilog=INTRODUCTIONS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", metavar="EXPORT", type=Path,
                        help="your LinkedIn export: the zip, the unzipped folder, or Connections.csv")
    parser.add_argument("--tags", metavar="DB", type=Path,
                        help=f"your tag store (must exist; default: {default_store_path()})")
    parser.add_argument("--ask", metavar="TEXT", help="a name, a company or a word: \"Can you introduce me to TEXT?\"")
    parser.add_argument("--top", metavar="N", type=positive_int, default=10,
                        help="print the best N suggestions (default: 10)")
    parser.add_argument("--out", metavar="CSV", type=Path, help="also write every suggestion, with both drafts, to a CSV")
    parser.set_defaults(run=run_introductions)


def run_introductions(args) -> int:
    network = read_export(args.export)
    store = open_tag_store(args.tags)
    sync_tags(network, store)
    gap, chats = gap_table(network, store), store.chats()
    if args.ask is not None:
        answer = can_you_introduce(gap, args.ask, chats)
        print(answer)
        return EXIT_OK if answer.people or len(answer.there) else EXIT_NOTHING
    if chats.empty:
        say(f"No coffee chats logged yet in {store.path}, so there is nothing to match. Log your chats (what "
            "they do, how you can help each other, what they're looking for) in notebooks/05-coffee-chats.ipynb, "
            "then run this again; notebooks/06-introductions.ipynb shows the idea on the sample network.")
        return EXIT_NOTHING
    suggestions = suggest_introductions(gap, chats)
    say(f"{plural(len(chats), 'coffee chat')} read; {plural(len(suggestions), 'introduction')} to suggest")
    if args.out:
        write_output(write_suggestions_csv, suggestions, args.out)
        say(f"Wrote {args.out} ({plural(len(suggestions), 'row')})")
    if suggestions.empty:
        say("No need in your chats matches what another person you like or trust does. Log more chats, with what "
            "each person is looking for, and rate the people you met (relationship 2 or 3), then run this again.")
        return EXIT_NOTHING
    for number, row in enumerate(suggestions.head(args.top).itertuples(), 1):
        both = " (they can help each other)" if row.both_ways else ""
        print(f"{number}. {row.who_needs} <-> {row.who_offers}: {row.reason}{both}\n"
              f"   To {row.who_needs}: {row.note_to_who_needs}\n   To {row.who_offers}: {row.note_to_who_offers}\n")
    return EXIT_OK


def write_suggestions_csv(suggestions, path: Path) -> None:
    """The reconnect list's CSV writer (spreadsheet-safe text, UTF-8 with BOM), without the internal ids."""
    write_reconnect_csv(suggestions.drop(columns=["needs_id", "offers_id"]), path)


# -- small parts --------------------------------------------------------------------------------

def positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number, 1 or more; got {text!r}")
    return number


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2026-03-02 (YYYY-MM-DD); got {text!r}") from None


_progress = {"line_open": False}  # a progress line waiting for its result ("Reading export… ")


def say(message: str, end: str = "\n") -> None:
    print(message, end=end, file=sys.stderr, flush=True)
    _progress["line_open"] = end != "\n"


def fail(message: str) -> int:
    if _progress["line_open"]:
        say("")  # finish the progress line, so the error starts on its own
    say(f"Error: {message}")
    return EXIT_ERROR


def _readable_stderr() -> None:
    """A console that cannot show "…" or a name's accents gets an escape, never a crash."""
    if hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="backslashreplace")


COMMANDS = [add_reconnect_command, add_introductions_command]

if __name__ == "__main__":
    sys.exit(main())
