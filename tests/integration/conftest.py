from collections.abc import Iterator

import pytest

from shared.services.recount import recount
from tests.support.stack import Stack, make_stack


@pytest.fixture
def stack(project_id: str) -> Iterator[Stack]:
    built = make_stack(project_id)
    yield built
    built.server.stop()
    # Every scenario must leave the counters equal to a full recount.
    result = recount(built.store)
    assert result.consistent, result.differences
