"""Hypothesis strategies for what Google sends us: Forms responses (real ones with fuzzed
answers, and raw fuzz: missing and wrong-typed fields, unknown questionIds, empty and huge
strings, control, bidi and zero-width characters, Thai digits, malformed timestamps) and
Pub/Sub push bodies."""

import string
from datetime import UTC

from hypothesis import strategies as st

from tests.support import builders

QUESTION_IDS = list(builders.QUESTION_IDS.values())
ODD_CHARACTERS = "\u200b\u200c\u200d\ufeff\u202e\u202d\u2066\u0000\u0007\r\n\t๐๑๒๓๔๕๖๗๘๙ำ่่้ั"
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(ODD_CHARACTERS + "กขคงจ อบต.เทศบาล" + string.ascii_letters), max_size=60),
    st.sampled_from([v for v in builders.VALID.values() if isinstance(v, str)]
                    + ["ไม่มี", "-", "", " ", "กทม.", "โคราช", "๐๘๑-๒๓๔-๕๖๗๘"]),
    st.builds(lambda n: "ก" * n, st.integers(0, 12_000)),
)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                           max_leaves=8)
answer_values = st.lists(st.one_of(st.fixed_dictionaries({"value": texts}), json_values), max_size=4)
answers = st.dictionaries(
    st.one_of(st.sampled_from(QUESTION_IDS), texts),
    st.one_of(st.builds(lambda values: {"textAnswers": {"answers": values}}, answer_values), json_values),
    max_size=14,
)
timestamps = st.one_of(
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat().replace("+00:00", "Z")),
    st.sampled_from(["2024-01-05T03:00:00Z", "2024-01-05T03:00:00.123456789Z", "2024-01-05", "", "5 มกราคม 2567"]),
    json_values,
)
# Real responses with some answers replaced by fuzz: these reach validation, not only parsing.
mutated = st.dictionaries(st.sampled_from(list(builders.VALID)), texts, max_size=4).map(builders.response)
raw_fuzz = st.fixed_dictionaries(
    {},
    optional={"responseId": st.one_of(texts, json_values), "createTime": timestamps, "lastSubmittedTime": timestamps,
              "answers": st.one_of(answers, json_values), "respondentEmail": texts, "totalScore": json_values},
)
responses = st.one_of(mutated, raw_fuzz)


envelopes = st.one_of(
    json_values,
    st.fixed_dictionaries({}, optional={
        "message": st.one_of(json_values, st.fixed_dictionaries({}, optional={
            "attributes": st.one_of(json_values, st.dictionaries(
                st.sampled_from(["eventType", "formId", "watchId", "other"]), st.one_of(texts, json_values))),
            "data": json_values, "messageId": json_values, "message_id": json_values, "publishTime": json_values,
        })),
        "subscription": json_values, "deliveryAttempt": json_values,
    }),
)
