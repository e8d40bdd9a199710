"""What the stored data says about the end of a past day: pure decisions."""

from datetime import date

from shared.domain.as_of import current_as_of, existed_by, lao_figures, responses_by
from shared.domain.counting import LaoRecord, Member

DAY = date(2024, 1, 5)


def lao(*members: tuple[str, int, str, str, tuple[str, ...]]) -> LaoRecord:
    return LaoRecord("TH-40:x:sao:ก", "sao", {rid: Member(ns, status, problems, "TH-40", submitted)
                                              for rid, ns, submitted, status, problems in members})


def test_a_report_first_submitted_by_the_end_of_the_day_existed_then():
    assert existed_by("2024-01-05", DAY) and existed_by("2024-01-01", DAY)
    assert not existed_by("2024-01-06", DAY)
    assert existed_by("", DAY)  # written before first-submission dates were kept: taken as old


def test_the_current_report_as_of_a_day_ignores_reports_first_submitted_later():
    record = lao(("r1", 1, "2024-01-04", "not_reported", ("too_many_forms",)),
                 ("r2", 2, "2024-01-06", "reported_complete", ("training_unclear",)))
    assert current_as_of(record, DAY)[0] == "r1"
    assert current_as_of(record, date(2024, 1, 6))[0] == "r2"
    assert current_as_of(record, date(2024, 1, 3)) is None


def test_lao_figures_count_each_lao_once_by_its_report_current_at_the_end_of_the_day():
    both = lao(("r1", 1, "2024-01-04", "not_reported", ("too_many_forms", "other")),
               ("r2", 2, "2024-01-05", "not_reported", ("too_many_forms", "training_unclear")))
    later = LaoRecord("TH-54:y:sao:ข", "sao", {"r3": Member(3, "reported_complete", ("no_incumbent_executive",),
                                                            "TH-54", "2024-01-06")})
    figures = lao_figures([both, later], DAY)
    assert figures.reporting == 1 and figures.by_province == {"TH-40": 1}
    assert figures.by_problem == {"too_many_forms": 1, "training_unclear": 1}
    assert figures.by_letter_item == {6: 1}  # two problems of item 6, one LAO
    assert figures.by_province_letter_item == {("TH-40", 6): 1}
    assert figures.not_reported == 1 and figures.not_reported_problems["too_many_forms"] == 1
    assert lao_figures([both, later], date(2024, 1, 6)).reporting == 2


def test_responses_by_a_day_sum_the_submission_dates_up_to_it():
    by_date = {"2024-01-04": 3, "2024-01-05": 2, "2024-01-06": 7}
    assert responses_by(by_date, DAY) == 5 and responses_by(by_date, date(2024, 1, 3)) == 0
