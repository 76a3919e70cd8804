"""An on-disk queue of call events: one JSON file per event, sent in the order written.

Files are named by a monotonic sequence number. A file is written under a temporary name,
flushed and fsynced, renamed, and the folder is fsynced: only then does the event count as
taken (a power cut leaves either the whole event or nothing, never a half file or a lost
rename). The folder is listed once, when the queue is opened; afterwards an in-memory index
of the sequence numbers gives the oldest events, so taking a batch costs the same whether 100
or 100,000 events wait. Files are removed only once Odoo has taken them; a removal is not
fsynced: lost by a power cut, it only resends an event, which Odoo merges as the same one.

The methods do blocking disk work: the agent calls them off its event loop (asyncio.to_thread);
a lock keeps the index consistent between those threads.
"""

import json
import logging
import os
import threading
from collections import deque
from itertools import islice
from pathlib import Path

_logger = logging.getLogger("softphone_agent.queue")

SUFFIX = ".json"


def _seq_of(name):
    stem, dot, suffix = name.partition(".")
    if dot and "." + suffix == SUFFIX and stem.isdigit():
        return int(stem)
    return None


def waiting(folder):
    """How many events wait in the queue folder, read without opening the queue (opening it
    clears the files a crash left half written, which a running agent may be writing)."""
    with os.scandir(folder) as entries:
        return sum(1 for entry in entries if _seq_of(entry.name) is not None)


def fsync_folder(folder):
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DiskQueue:
    def __init__(self, folder, durable=True):
        """`durable=False` skips the fsyncs (tests that fill a long queue fast only)."""
        self.folder = Path(folder)
        self.rejected = self.folder / "rejected"
        self.durable = durable
        self.lock = threading.Lock()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.rejected.mkdir(exist_ok=True)
        seqs = []
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name.endswith(".tmp"):  # a crash while writing: never taken
                    os.unlink(entry.path)
                elif (seq := _seq_of(entry.name)) is not None:
                    seqs.append(seq)
        with os.scandir(self.rejected) as entries:
            highest_rejected = max(
                (s for e in entries if (s := _seq_of(e.name)) is not None), default=0
            )
        seqs.sort()
        self.index = deque(seqs)
        self.next_seq = max(seqs[-1] if seqs else 0, highest_rejected) + 1

    def path_of(self, seq):
        return self.folder / f"{seq:016d}{SUFFIX}"

    def put(self, event):
        return self.put_many([event])[0]

    def put_many(self, events):
        """Write the events, in order; they are on disk (fsynced, folder too) on return.

        A disk error part way raises an OSError whose `written` says how many of the first
        events are queued all the same: the caller writes the others again, never those."""
        with self.lock:
            first = self.next_seq
            self.next_seq += len(events)
        seqs = list(range(first, first + len(events)))
        done = []
        try:
            for seq, event in zip(seqs, events, strict=True):
                final = self.path_of(seq)
                temp = final.with_suffix(".tmp")
                with open(temp, "w", encoding="utf-8") as handle:
                    json.dump(event, handle)
                    if self.durable:
                        handle.flush()
                        os.fsync(handle.fileno())
                os.replace(temp, final)
                done.append(seq)
        except OSError as exc:
            exc.written = len(done)
            raise
        finally:
            if self.durable and done:
                fsync_folder(self.folder)
            with self.lock:
                self.index.extend(done)
        return seqs

    def peek(self, limit=100):
        """The oldest events: [(path, event)]. A file that is not JSON (written by hand, a
        disk error) is set aside in rejected/ and logged."""
        with self.lock:
            seqs = list(islice(self.index, limit))
        batch = []
        for seq in seqs:
            path = self.path_of(seq)
            try:
                with open(path, encoding="utf-8") as handle:
                    batch.append((path, json.load(handle)))
            except FileNotFoundError:
                self._forget([seq])
            except (ValueError, UnicodeDecodeError) as exc:
                _logger.error("queued event %s is not JSON (%s): set aside", path.name, exc)
                self.reject([path])
        return batch

    def _forget(self, seqs):
        with self.lock:
            for seq in seqs:
                if self.index and self.index[0] == seq:
                    self.index.popleft()
                elif seq in self.index:  # not the oldest: rare, costs a scan
                    self.index.remove(seq)

    def ack(self, paths):
        """Odoo took these events: removed."""
        for path in paths:
            path.unlink(missing_ok=True)
        self._forget([_seq_of(path.name) for path in paths])

    def reject(self, paths):
        """Events Odoo refused as invalid: kept aside in rejected/ for a human, never resent."""
        for path in paths:
            target = self.rejected / path.name
            if target.exists():  # never overwrite an older rejected event
                target = target.with_name(f"{target.stem}-{os.getpid()}-{id(path)}{SUFFIX}")
            if path.exists():
                os.replace(path, target)
        self._forget([_seq_of(path.name) for path in paths])

    def __len__(self):
        return len(self.index)
