"""Pins shared/adapters/firestore_metering.py (which wraps the client's private GAPIC
client) to the counts Firestore bills: a read per document returned or looked up,
a write per document committed."""

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore_metering import counting, meter, process_total


def test_reads_and_writes_are_counted_per_document_as_firestore_bills_them(project_id):
    client = meter(firestore.Client(project=project_id))
    assert meter(client) is client  # metering twice does not count twice
    things = client.collection("things")
    with counting() as batch_counts:
        batch = client.batch()
        for n in range(3):
            batch.set(things.document(f"t{n}"), {"n": n})
        batch.commit()
    assert (batch_counts.read, batch_counts.written) == (0, 3)

    with counting() as read_counts:
        assert things.document("t0").get().exists
        assert not things.document("absent").get().exists  # a lookup of a missing document is billed too
        assert len(list(things.where(filter=FieldFilter("n", ">=", 1)).stream())) == 2
        assert len(list(client.get_all([things.document("t1"), things.document("t2")]))) == 2
        assert things.count().get()[0][0].value == 3
        assert list(things.where(filter=FieldFilter("n", ">", 99)).stream()) == []  # billed one read all the same
    assert (read_counts.read, read_counts.written) == (1 + 1 + 2 + 2 + 1 + 1, 0)

    before = process_total.written

    @firestore.transactional
    def move(transaction: firestore.Transaction) -> None:
        snapshot = things.document("t0").get(transaction=transaction)
        transaction.set(things.document("t9"), {"n": snapshot.get("n")})
        transaction.delete(things.document("t0"))

    with counting() as transaction_counts:
        move(client.transaction())
    assert (transaction_counts.read, transaction_counts.written) == (1, 2)
    assert process_total.written - before == 2


def test_the_innermost_counting_block_counts_and_nothing_is_counted_outside_one(project_id):
    client = meter(firestore.Client(project=project_id))
    with counting() as outer:
        client.collection("things").document("a").set({"n": 1})
        with counting() as inner:
            client.collection("things").document("b").set({"n": 2})
    assert (outer.written, inner.written) == (1, 1)
    client.collection("things").document("c").set({"n": 3})
    assert outer.written == 1
