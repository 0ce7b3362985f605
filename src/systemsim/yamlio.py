"""Safe reading of the files users give us: scenarios, families and vignettes.

Only plain YAML is accepted: `yaml.SafeLoader` refuses tags that would construct Python
objects, so no file can execute code. Every failure becomes an `InputError` naming the file.

Why the limits: an input file is small hand-written text, so anything else is a mistake or an
attack. Only regular files are read (never a FIFO that hangs or `/dev/zero` that never ends),
at most `MAX_BYTES`, nested at most `MAX_DEPTH` deep, and a key given twice in one mapping is
an error (YAML would silently keep the later one). An error names the file, the line and the
key, never the file's content.

Why confinement: a file may name other files (`extends:`, `family:`, `family_update:`,
`model_run.scenario:`). Such a path is resolved against the including file's folder and must
stay inside the tree the user chose (the folder of the file named on the command line), the
bundled `scenarios/` folder, or a folder the user allows explicitly (`--allow-dir`, or
`SYSTEMSIM_ALLOW_DIRS`, separated by the system's path separator), so a file cannot reach
`/etc/shadow` or another user's home.
"""

from __future__ import annotations

import contextvars
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from systemsim.errors import InputError

#: the largest input file read (bytes); the bundled files are below 100 kB
MAX_BYTES = 1_000_000
#: the deepest nesting of mappings and lists in an input file
MAX_DEPTH = 40
#: how long a key name may be when an error quotes it
MAX_KEY_CHARS = 40
#: folders the user allows beyond the file's own tree, separated by os.pathsep
ENV_ALLOW = "SYSTEMSIM_ALLOW_DIRS"

_allowed: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar("allowed", default=())


# ------------------------------------------------------------------------- which folders
def bundled_root() -> Path:
    """The `scenarios/` folder shipped with systemsim (its files may always be included)."""
    return Path(__file__).resolve().parents[2] / "scenarios"


def allowed_folders() -> tuple[Path, ...]:
    """The folders the user allowed: `allow_folders(...)` and `$SYSTEMSIM_ALLOW_DIRS`."""
    env = [Path(p).expanduser().resolve() for p in os.environ.get(ENV_ALLOW, "").split(os.pathsep)
           if p.strip()]
    return (*_allowed.get(), *env)


def allow_folders(folders: Iterable[str | Path]) -> None:
    """Allow included files from these folders too (the CLI's `--allow-dir`)."""
    found = []
    for folder in folders:
        p = Path(folder).expanduser()
        if not p.is_dir():
            raise InputError("is not a folder", file=p, where="--allow-dir")
        found.append(p.resolve())
    _allowed.set((*_allowed.get(), *found))


@contextmanager
def folders_allowed(folders: Iterable[str | Path]) -> Iterator[None]:
    """Allow these folders while the block runs (tests, a trainer's page)."""
    token = _allowed.set((*_allowed.get(), *(Path(f).expanduser().resolve() for f in folders)))
    try:
        yield
    finally:
        _allowed.reset(token)


def resolve_included(including: str | Path, relative: str, *, root: str | Path | None = None,
                     where: str) -> Path:
    """The file `relative` names, resolved against `including`'s folder and kept inside
    `root` (default: that folder), the bundled scenarios or an allowed folder."""
    base = Path(including).resolve().parent
    target = (base / Path(relative).expanduser()).resolve()
    tree = Path(root).resolve() if root is not None else base
    roots = (tree, bundled_root(), *allowed_folders())
    if not any(target.is_relative_to(r) for r in roots):
        raise InputError(
            f"{relative!r} is outside the folders a file may include from ({tree} and the bundled "
            f"scenarios); move it there, or allow its folder with --allow-dir or ${ENV_ALLOW}",
            file=including, where=where)
    return target


# ------------------------------------------------------------------------- reading
def read_text(path: str | Path, *, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes, or a clear `InputError`."""
    data = read_bytes(path, limit=limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", file=path) from None


def read_bytes(path: str | Path, *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a clear `InputError`."""
    p = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; we refuse it just below
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("file not found", file=p) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a YAML file", file=p) from None
    except PermissionError:
        raise InputError("cannot be read (permission denied)", file=p) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({os.strerror(exc.errno or errno.EIO)})", file=p) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, expected a YAML file", file=p)
        raise InputError("is not a regular file (a device, pipe or socket); give a text file",
                         file=p)
    if info.st_size > limit:
        os.close(fd)
        raise InputError(f"is {info.st_size:,} bytes; input files may be at most {limit:,}", file=p)
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot be read ({os.strerror(exc.errno or errno.EIO)})",
                             file=p) from None
    if len(data) > limit:  # grew while we read it
        raise InputError(f"is larger than {limit:,} bytes, the limit for input files", file=p)
    return data


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping from `path`, or raise `InputError` saying what is wrong."""
    return parse_yaml(read_text(path), source=Path(path))


#: what a key that an error may quote looks like: a name (letters, digits, _ - . and spaces)
_NAME = re.compile(r"[\w][\w .\-]*")
#: said instead of a key that is not a name (a line of some other file, a hash, a secret)
NOT_A_NAME = "<a key that is not a name, not shown>"


def key_name(key: object) -> str:
    """A key as an error may quote it: a short name on one line. A key that is not a name
    (`trainer:$6$salt$hash…`, a line of a file that is not a scenario) is not quoted at all:
    an error must never show a file's content, not even its first 40 characters."""
    text = " ".join(str(key).split())
    if not _NAME.fullmatch(text):
        return NOT_A_NAME
    return text if len(text) <= MAX_KEY_CHARS else text[: MAX_KEY_CHARS - 1] + "…"


_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader (libyaml's parser where installed) that refuses duplicate keys."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                    seen.setdefault(key, key_node.start_mark.line + 1)
                except TypeError:
                    continue  # unhashable: PyYAML says so below
                if first is not None:
                    raise InputError(
                        f"key {key_name(key)!r} is given twice in the same mapping (first on line "
                        f"{first}); keep one", where=_line(key_node.start_mark))
        return super().construct_mapping(node, deep=deep)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than `MAX_DEPTH` from the event stream, before anything recurses."""
    loader = _Base(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise InputError(f"nested more than {MAX_DEPTH} levels deep",
                                     where=_line(event.start_mark))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


# YAML 1.2 floats such as 1e12 (PyYAML's YAML 1.1 reads them as text without a dot)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X),
    list("-+0123456789."),
)


def _line(mark: Any) -> str | None:
    return f"line {mark.line + 1}" if mark is not None else None


def compose(text: str) -> yaml.Node | None:
    """The node tree of YAML text (for line numbers of keys), with the same depth limit."""
    _check_depth(text)
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_yaml(text: str, *, source: str | Path = "<text>") -> dict[str, Any]:
    """Parse YAML text into a mapping; errors name the line and column."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError(f"is larger than {MAX_BYTES:,} bytes, the limit for input files",
                         file=source)
    loader = None
    try:
        _check_depth(text)
        loader = _Loader(text)
        data = loader.get_single_data()
    except InputError as exc:
        raise InputError(exc.message, file=source, where=exc.where) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise InputError(
            f"YAML tags that build objects are not allowed ({exc.problem})",
            file=source,
            where=_line(mark),
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or type(exc).__name__
        if "nesting depth" in problem:  # libyaml's own limit, met while reading ahead
            raise InputError(f"nested more than {MAX_DEPTH} levels deep", file=source,
                             where=where) from None
        raise InputError(f"broken YAML: {problem}", file=source, where=where) from None
    except RecursionError:
        raise InputError(f"nested too deeply (at most {MAX_DEPTH} levels)", file=source) from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        raise InputError("file is empty, expected a YAML mapping", file=source)
    if not isinstance(data, dict):
        raise InputError(
            f"expected a YAML mapping (key: value) at the top, got {type(data).__name__}",
            file=source,
        )
    return data


def line_of(text: str, keys: Iterable[object]) -> int | None:
    """The line (1-based) where the key path `keys` is written in YAML `text`, if it is."""
    try:
        node = compose(text)
    except (yaml.YAMLError, InputError, RecursionError):
        return None
    line = None
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return line
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key):
                line, node = key_node.start_mark.line + 1, value_node
                break
        else:
            return line
    return line


# ------------------------------------------------------------------------- writing
def write_text_atomic(path: str | Path, text: str, *, mode: int = 0o600) -> None:
    """Write a file so that a crash leaves either the old or the new content, never half.

    `mode` is the file's permission (default: only its owner reads it); a folder that cannot
    be written is an `InputError` naming the file.
    """
    write_bytes_atomic(path, text.encode("utf-8"), mode=mode)


def write_bytes_atomic(path: str | Path, data: bytes, *, mode: int = 0o600) -> None:
    """`write_text_atomic` for bytes."""
    p = Path(path)
    if p.is_dir():
        raise InputError("is a folder; give a file name", file=p)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write here ({why_not_written(exc)})", file=p) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write ({why_not_written(exc)})", file=p) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def why_not_written(exc: OSError) -> str:
    """An OS error on writing, in a user's words."""
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "a part of the path is a file, not a folder"
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return "the folder is read-only or not yours"
    return os.strerror(exc.errno or errno.EIO).lower()


def dump_yaml(data: Any) -> str:
    """Dump plain data as readable, unicode-preserving YAML."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
