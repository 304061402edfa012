"""Find the files of a LinkedIn export in a zip, a folder or a lone CSV, and read them safely.

Nothing is ever extracted to disk: members are read into memory, by base name and
case-insensitively (LinkedIn renamed `Messages.csv` to `messages.csv`), with size limits so
a zip bomb is refused rather than filling memory.
"""
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import ExportError

MAX_FILE_BYTES = 1 << 30      # 1 GiB: ~3x the largest real messages.csv at LinkedIn's 30,000 cap
MAX_RATIO = 200               # real CSVs deflate 5-15x; 1000x is a bomb
MAX_FOLDER_FILES = 20_000
EXPORT_NAME = re.compile(r"(basic|complete|initial)_linkedindataexport_(\d{2})-(\d{2})-(\d{4})", re.I)


@dataclass
class ExportSource:
    """Where the export is, and its CSV files by lower-case base name."""

    label: str                      # how to name it to the person
    kind: str                       # "Complete", "Basic" or "Connections.csv"
    export_date: date | None
    files: dict[str, str]           # lower-case base name -> path inside the zip or folder
    zip_path: Path | None = None
    folder: Path | None = None

    def has(self, name: str) -> bool:
        return name.lower() in self.files

    def display_name(self, name: str) -> str:
        return Path(self.files[name.lower()]).name

    def streamable(self, name: str) -> "Path | ZipMember":
        """The file, to be parsed as a stream (no copy of 100 MB of messages in memory)."""
        if self.zip_path is not None:
            return ZipMember(self.zip_path, self.files[name.lower()])
        path = Path(self.files[name.lower()])
        _check_size(path)
        return path

    def read(self, name: str) -> bytes:
        member = self.files[name.lower()]
        if self.zip_path is not None:
            return _read_zip_member(self.zip_path, member)
        return _read_file(Path(member))


@dataclass(frozen=True)
class ZipMember:
    """A file inside the export zip, opened like a file on disk (`open`, `read_bytes`)."""

    zip_path: Path
    member: str

    def open(self, mode: str = "rb"):
        try:
            with zipfile.ZipFile(self.zip_path) as archive:  # the member stream keeps the file open
                info = archive.getinfo(self.member)
                _refuse_bomb(self.zip_path.name, Path(self.member).name, info)
                return archive.open(info)  # yields at most info.file_size bytes
        except ExportError:
            raise
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, KeyError) as error:
            raise _damaged(self.zip_path, self.member, error) from None

    def read_bytes(self) -> bytes:
        return _read_zip_member(self.zip_path, self.member)


def _damaged(zip_path: Path, member: str, error: Exception) -> ExportError:
    return ExportError(f"{Path(member).name} in {zip_path.name}", "a file that unzips cleanly",
                       f"a damaged entry ({error})",
                       "Download the export again from LinkedIn; the zip is incomplete or corrupt.")


def open_export(source) -> ExportSource:
    """Look at `source` (zip, folder or CSV; str or Path) and list the export files in it."""
    try:
        path = Path(source).expanduser()
    except TypeError:
        raise ExportError(str(source), "a path to your LinkedIn export (zip, folder or Connections.csv)",
                          f"a {type(source).__name__}", "Pass the path as text, e.g. 'data/private/Basic_...zip'.") from None
    try:
        if path.is_dir():
            return _open_folder(path)
        if not path.exists():
            raise ExportError(str(path), "a LinkedIn export (zip, folder or Connections.csv)", "nothing at that path",
                              "Check the spelling, or put the zip LinkedIn sent you in data/private/.")
        if zipfile.is_zipfile(path):
            return _open_zip(path)
        if path.suffix.lower() == ".zip":
            raise ExportError(path.name, "a zip file as LinkedIn sends it",
                              f"a file of {path.stat().st_size:,} bytes that is not a zip (a download cut short?)",
                              "Download the export again from LinkedIn (Settings & Privacy > Data privacy).")
    except ExportError:
        raise
    except (OSError, ValueError) as error:  # ValueError: a path with a NUL character in it
        raise ExportError(str(path), "a readable file or folder", f"an error from the system ({getattr(error, 'strerror', None) or error})",
                          "Check the path, that the file is not open elsewhere and that you may read it.") from None
    return ExportSource(path.name, "Connections.csv", date_from_name(path.name), {"connections.csv": str(path)})


def _open_zip(path: Path) -> ExportSource:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [info.filename for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError) as error:
        raise ExportError(path.name, "a zip file as LinkedIn sends it", f"a damaged zip ({error})",
                          "Download the export again from LinkedIn (Settings & Privacy > Data privacy).") from None
    if any(name.lower().startswith("xl/") for name in names):
        raise ExportError(path.name, "the zip LinkedIn sent you or a Connections.csv", "an Excel workbook (.xlsx)",
                          "Use the original Connections.csv, or save the sheet as 'CSV UTF-8' and load that.")
    return ExportSource(path.name, _kind(path.name, names), date_from_name(path.name), _by_base_name(names), zip_path=path)


def _open_folder(folder: Path) -> ExportSource:
    paths = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        paths += [os.path.join(root, f) for f in sorted(files) if not f.startswith(".")]
        if len(paths) > MAX_FOLDER_FILES:
            break
    by_name = _by_base_name(paths)
    if "connections.csv" not in by_name:
        zips = sorted((p for p in paths if EXPORT_NAME.search(Path(p).name) and p.lower().endswith(".zip")),
                      key=lambda p: (date_from_name(Path(p).name) or date.min, p))
        if zips:  # a folder holding the zip(s) LinkedIn sent: take the newest
            return _open_zip(Path(zips[-1]))
    return ExportSource(folder.name + "/", _kind(folder.name, paths), date_from_name(folder.name), by_name, folder=folder)


def _by_base_name(paths: list[str]) -> dict[str, str]:
    """Lower-case base name -> path; the shallowest wins (a re-zipped folder nests everything)."""
    found: dict[str, str] = {}
    for path in sorted(paths, key=lambda p: (p.replace("\\", "/").count("/"), p)):
        found.setdefault(Path(path.replace("\\", "/")).name.lower(), path)
    return found


def _kind(name: str, paths: list[str]) -> str:
    match = EXPORT_NAME.search(name)
    if match:
        return "Basic" if match.group(1).lower() == "basic" else "Complete"
    return "Complete" if any(Path(p).name.lower() == "messages.csv" for p in paths) else "Basic"


def date_from_name(name: str) -> date | None:
    match = EXPORT_NAME.search(name)
    if not match:
        return None
    month, day, year = (int(g) for g in match.groups()[1:])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read_zip_member(path: Path, member: str) -> bytes:
    name = Path(member).name
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(member)
            _refuse_bomb(path.name, name, info)
            with archive.open(info) as stream:  # yields at most info.file_size bytes
                return stream.read(MAX_FILE_BYTES + 1)
    except ExportError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError, KeyError) as error:
        raise _damaged(path, member, error) from None


def _refuse_bomb(zip_name: str, name: str, info: zipfile.ZipInfo) -> None:
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > MAX_FILE_BYTES or (info.file_size > 50_000_000 and ratio > MAX_RATIO):
        raise ExportError(f"{name} in {zip_name}", f"a CSV of at most {MAX_FILE_BYTES >> 20:,} MB",
                          f"an entry that unpacks to {info.file_size:,} bytes ({ratio:,.0f}x its packed size)",
                          "This is not a LinkedIn export (it looks like a zip bomb); use the zip LinkedIn sent you.")


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ExportError(path.name, "a readable file", f"an error from the system ({error.strerror or error})",
                          "Check the file is not open elsewhere and that you may read it.") from None
    if size > MAX_FILE_BYTES:
        raise ExportError(path.name, f"a CSV of at most {MAX_FILE_BYTES >> 20:,} MB", f"{size:,} bytes",
                          "Check this is the file from your LinkedIn export.")


def _read_file(path: Path) -> bytes:
    _check_size(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise ExportError(path.name, "a readable file", f"an error from the system ({error.strerror or error})",
                          "Check the file is not open elsewhere and that you may read it.") from None
