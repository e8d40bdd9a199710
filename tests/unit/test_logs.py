"""Structured logs stay one JSON object per line when requests log on several threads."""

import json
import threading

from shared import logs


class RecordingStream:
    def __init__(self):
        self.writes = []
        self.lock = threading.Lock()

    def write(self, text):
        with self.lock:
            self.writes.append(text)
        return len(text)

    def flush(self):
        pass


def test_every_entry_is_written_whole_in_one_write_even_from_many_threads(monkeypatch):
    stream = RecordingStream()
    monkeypatch.setattr("sys.stderr", stream)

    def request(n):
        for i in range(50):
            logs.info("notification handled", message_id=str(n * 100 + i), stored=i)

    threads = [threading.Thread(target=request, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # print() would have written each newline apart, where another thread's entry could land.
    assert len(stream.writes) == 400
    entries = [json.loads(w) for w in stream.writes if w.endswith("\n") and w.count("\n") == 1]
    assert len(entries) == 400
    assert {e["message_id"] for e in entries} == {str(n * 100 + i) for n in range(8) for i in range(50)}
    assert all(e["severity"] == "INFO" for e in entries)
