"""Every spelling of the reporters' contacts in a set of raw responses: as typed,
normalised and as E.164, for tests that prove they are absent from somewhere."""

from shared.domain.evaluation import evaluate
from shared.domain.responses import FormResponse
from tests.support import builders

CONTACT_KEYS = ("reporter_name", "phone", "email")


def contact_spellings(versions):
    mapping = builders.mapping()
    question_ids = {builders.QUESTION_IDS[key] for key in CONTACT_KEYS}
    found = set()
    for raw in versions:
        for question_id, answer in raw["answers"].items():
            if question_id in question_ids:
                found |= {a["value"].strip() for a in answer["textAnswers"]["answers"]}
        reporter = evaluate(FormResponse.from_api(raw), mapping).reporter
        found |= {reporter.name, reporter.phone_e164 or "", reporter.email or ""}
        if reporter.phone_e164:
            found |= {reporter.phone_e164.lstrip("+"), "0" + reporter.phone_e164[3:]}
    return {value for value in found if len(value) >= 6}
