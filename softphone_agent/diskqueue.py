"""An on-disk queue of call events: one JSON file per event, sent in the order written.

A file is written under a temporary name, flushed to disk and renamed, so a crash leaves
either the whole event or nothing. Files are removed only once Odoo has taken them.
"""

import json
import os
from pathlib import Path


class DiskQueue:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "rejected").mkdir(exist_ok=True)
        for leftover in self.folder.glob("*.tmp"):
            leftover.unlink()
        names = [p.stem for p in self.folder.glob("*.json")]
        self.next_seq = max((int(n) for n in names if n.isdigit()), default=0) + 1

    def put(self, event):
        seq = self.next_seq
        self.next_seq += 1
        final = self.folder / f"{seq:016d}.json"
        temp = final.with_suffix(".tmp")
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(event, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, final)
        return seq

    def peek(self, limit=100):
        """The oldest events: [(path, event)]."""
        paths = sorted(self.folder.glob("*.json"))[:limit]
        batch = []
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                batch.append((path, json.load(handle)))
        return batch

    def ack(self, paths):
        for path in paths:
            path.unlink(missing_ok=True)

    def reject(self, paths):
        """Events Odoo refused as invalid: kept aside for a human, never resent."""
        for path in paths:
            if path.exists():
                os.replace(path, self.folder / "rejected" / path.name)

    def __len__(self):
        return sum(1 for _ in self.folder.glob("*.json"))
