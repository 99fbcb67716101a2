"""Batch processing: many files, one `Result` each, outputs written as each file finishes.

The CLI and the engines (local process pool, Dask) all go through `process_one`, so a file is cleaned
the same way whoever runs it. A problem with one file (unreadable, binary, undecodable) becomes that
file's `Result.error`/`skipped`; the batch goes on.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .decode import Decoded, DecodeError, decode, encode
from .files import ChangedError, Target, read_with_stamp, safe_name, write_atomic
from .model import Result


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same clean stop as Ctrl-C: files already written stay written, the file
    being written is completed first (see files.defer_signal), and no temp file is left behind."""


def _on_signal(signum: int, _frame: object) -> None:
    from .files import defer_signal

    if defer_signal(signum):
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Install the SIGINT/SIGTERM handlers for a batch run (main thread only; restored afterwards).

    Without this, SIGTERM kills the process wherever it is (even between writing a temp file and
    renaming it), and Ctrl-C can interrupt a write half-way.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, _on_signal)
    except (ValueError, OSError):  # pragma: no cover - embedded interpreters
        pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@dataclass(frozen=True)
class Job:
    """What to do with each file besides analysing it."""

    fix: bool = False  # compute the cleaned text
    out_dir: Path | None = None  # write cleaned copies here (mirroring relative paths)
    in_place: bool = False  # replace the input files (atomically) when changed
    report_dir: Path | None = None  # write <relative>.json and <relative>.md issue lists here
    keep_text: bool = True  # False: results come back without their texts (large batches)
    html_view: bool = False  # prepare each file's part of the HTML review page (`Result.view`)
    recheck: bool = False  # after fixing, report what the fixed text still contains (`check --fix`)
    #: Big files (see `bigfile`) are read, cleaned and written window by window; their results come
    #: back without texts (`Result.lines` and `length` instead). Not with `html_view`.
    stream: bool = False


def process_one(target: Target, job: Job, config: Config, position: int | None = None) -> Result:
    """Read, clean and write one file. `position`: the file's place in the batch, which its part of
    the HTML review page is numbered by (`Job.html_view`)."""
    from .pipeline import clean_text
    from .segment import markup_for

    if streams(target, job):
        return _process_streamed(target, job, config)
    name = target.display
    try:
        data, stamp = read_with_stamp(target.path)
    except IsADirectoryError:
        return Result(path=name, original="", cleaned="", error="is a directory")
    except OSError as exc:
        return Result(path=name, original="", cleaned="", error=f"cannot read: {exc.strerror or exc}")
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return Result(path=name, original="", cleaned="", skipped=str(exc))
    del data  # the text is what is needed from here (memory: a 200 MB file)
    from .registry.lookup import UnknownRuleError

    try:
        result = clean_text(
            decoded.text,
            str(target.path),
            markup=markup_for(str(target.path)),
            config=config,
            fix=job.fix,
            encoding=decoded.label,
        )
    except UnknownRuleError as exc:  # an inline control naming no rule: the file's error, as a config's
        return Result(path=name, original="", cleaned="", error=str(exc))
    result.path = name
    add_legacy_note(result, decoded)
    if not (job.keep_text or job.report_dir or job.recheck or job.html_view):
        # Nothing below reads the original text: let it go before the encoded copy is made (memory).
        result.was_changed = result.changed
        result.original = ""
    written = None
    try:
        if job.out_dir is not None:
            # A copy beside an untouched original: atomic, but not fsynced (a run cut short by a power
            # failure is run again; ~1 ms a file). Rewriting the original itself (below) is durable.
            payload, _ = encode(result.cleaned, decoded)
            written = job.out_dir / target.relative
            write_atomic(written, payload, durable=False)
            del payload
        if job.in_place and result.changed:
            payload, _ = encode(result.cleaned, decoded)
            written = target.path
            write_atomic(target.path, payload, expect=stamp, follow=True)
            del payload
        if job.report_dir is not None:
            written = job.report_dir / target.relative
            write_file_reports(result, written)
    except ChangedError as exc:
        result.error = exc.strerror
        result.cleaned, result.fixes_applied, result.was_changed = result.original, 0, False
    except OSError as exc:
        # the file being written (the error's own file name may be the temporary file beside it)
        where = str(written) if written is not None else str(exc.filename)
        result.error = f"cannot write {safe_name(where)}: {exc.strerror or exc}"
    if job.recheck and result.changed and not result.error:
        _recheck(result, target, config)
    if job.html_view and position is not None and job.keep_text:
        from .report.html import file_view

        result.view = file_view(position, result)
    if not job.keep_text:
        result.drop_texts()
    return result


def streams(target: Target, job: Job) -> bool:
    """Whether `process_one` streams this file (`bigfile`): the job allows it and the file is big
    enough for `pipeline.chunks` to cut it (in bytes: a character is at least one byte)."""
    from . import pipeline

    if not job.stream or job.html_view:
        return False
    try:
        return os.stat(target.path).st_size > pipeline.CHUNK_THRESHOLD
    except OSError:
        return False  # the usual read reports it


def _process_streamed(target: Target, job: Job, config: Config) -> Result:
    from .bigfile import stream_file
    from .registry.lookup import UnknownRuleError

    try:
        result, decoded = stream_file(target, config, job.fix, job.out_dir, job.in_place, job.recheck)
    except UnknownRuleError as exc:  # an inline control naming no rule (as in `process_one`)
        return Result(path=target.display, original="", cleaned="", error=str(exc))
    if decoded is not None:
        add_legacy_note(result, decoded)
    if result.error is None and result.skipped is None and job.report_dir is not None:
        written = job.report_dir / target.relative
        try:
            write_file_reports(result, written)
        except OSError as exc:
            result.error = f"cannot write {safe_name(str(written))}: {exc.strerror or exc}"
    return result


def add_legacy_note(result: Result, decoded: Decoded) -> None:
    """An info finding first for a file not in UTF-8 (what the output keeps)."""
    if decoded.encoding not in ("utf-8",):
        from .model import Finding, Severity
        from .registry.typography import LEGACY_ENCODING

        note = Finding(
            rule=LEGACY_ENCODING,
            category="encoding",
            severity=Severity.INFO,
            message=f"file is encoded as {decoded.label}, not UTF-8 (output keeps {decoded.label})",
            start=0,
            end=0,
            text="",
        )
        first = getattr(result.findings, "insert_first", None)  # a streamed file's `bigfile.PackedFindings`
        if first is not None:
            first(note)
        else:
            result.findings.insert(0, note)


def _recheck(result: Result, target: Target, config: Config) -> None:
    """What is left to report once the fixes are written: the findings of the fixed text.

    Done here, in the worker that fixed the file, not afterwards in the parent one file at a time
    (3,010 files: 207 s against 45 s for `clean --in-place`; issue 26).
    """
    from .fixes import applicable
    from .pipeline import clean_text
    from .segment import markup_for

    fixed: dict[str, int] = {}
    for f in result.findings:
        if f.fix is not None and applicable(f, config):
            fixed[f.rule] = fixed.get(f.rule, 0) + 1
    result.fixed_rules = fixed
    left = clean_text(
        result.cleaned,
        str(target.path),
        markup=markup_for(str(target.path)),
        config=config,
        fix=False,
        encoding=result.encoding,
    )
    # The file was changed (the summary counts it) though its text now equals the fixed one.
    result.was_changed = True
    result.findings, result.original = left.findings, result.cleaned


def write_file_reports(result: Result, base: Path) -> None:
    from .report.json import iter_json, render_json
    from .report.markdown import render_markdown

    # Reports are derived and rewritten on every run: atomic, but not worth an fsync each.
    path = base.with_name(base.name + ".json")
    if result.lines is None:
        write_atomic(path, render_json([result]).encode("utf-8"), durable=False)
    else:  # a streamed big file: its report is written as it is made
        from .atomic import atomic_writer

        with atomic_writer(path, durable=False) as out:
            for piece in iter_json([result]):
                out.write(piece.encode("utf-8"))
    md = render_markdown([result], title=str(result.path))
    write_atomic(base.with_name(base.name + ".md"), md.encode("utf-8"), durable=False)


def _worker(args: tuple[Target, Job, Config, int]) -> Result:
    return process_one(*args)


def warm_up(configs: list[Config]) -> None:
    """Load what every file needs (rule packs, detector modules and their data) once, in this process,
    before a process pool forks its workers: they then start with it (copy-on-write) instead of each
    loading it again. Only done where workers are forked; elsewhere it would be wasted work here.
    """
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return
    from .pipeline import clean_text

    seen: set[tuple[str, ...]] = set()
    for config in configs:
        if config.extra_packs in seen:
            continue
        seen.add(config.extra_packs)
        # A broken pack raises again in the worker, exactly as it would without warming up.
        with contextlib.suppress(Exception):
            clean_text("Warm-up.\n", config=config.with_(grammar=None))
    from .detect import boilerplate, lexicon, mt, names, spin  # noqa: F401 - their patterns are listed now
    from .patterns import compile_all

    compile_all()
    lexicon.load()
    from .detect.spin_model import model

    model()  # the spin context model's arrays, shared by the forked workers
    from .detect import freq, language

    freq.frequent()  # the word-frequency table of the glued-word detector
    # lingua loads its language models on first use (~0.15 s): once here, not once per worker
    language.detect("Ceci n'est pas une phrase anglaise, mais elle charge les modèles de langue.")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def run(
    targets: list[Target],
    job: Job,
    config: Config | Callable[[Path], Config],
    jobs: int = 1,
    on_done: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Process every target, in input order; `on_done` is called as each finishes (progress bars)."""
    from .detect.boilerplate.template import with_templates

    cfg_for = with_templates(targets, config if callable(config) else (lambda _p: config))
    results: list[Result] = []
    with stop_on_signals():
        for r in _iter(targets, job, cfg_for, jobs):
            if on_done:
                on_done(r)
            results.append(r)
    order = {t.display: i for i, t in enumerate(targets)}
    results.sort(key=lambda r: order.get(str(r.path), 0))
    return results


def _iter(targets: list[Target], job: Job, cfg_for: Callable[[Path], Config], jobs: int) -> Iterator[Result]:
    if jobs <= 1 or len(targets) < 2:
        for i, t in enumerate(targets):
            yield process_one(t, job, cfg_for(t.path), i)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    configs = [cfg_for(t.path) for t in targets]
    warm_up(configs)
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(targets)))
    finished = False
    try:
        futures = [pool.submit(_worker, (t, job, c, i)) for i, (t, c) in enumerate(zip(targets, configs, strict=True))]
        for fut in as_completed(futures):
            yield fut.result()
        finished = True
    finally:
        # Interrupted: let each worker finish the file it is on, start no other.
        pool.shutdown(wait=True, cancel_futures=not finished)
