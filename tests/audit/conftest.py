"""What the audit's tests share: the seed's data, and the audit of a changed copy of it."""

from __future__ import annotations

from copy import deepcopy

import pytest

from juesuan.audit import checks
from juesuan.data.datasets import load

from ..conftest import SEED_DATA


@pytest.fixture(scope="module")
def data():
    """The seed's 2024 data as ingested: read it, never change it (audit_changed changes a copy)."""
    return load(2024, SEED_DATA)


def audit_changed(data, change) -> dict:
    """The findings, by id, of the audit of a copy of data that ``change`` changed."""
    copy = deepcopy(data)
    change(copy)
    return {f.id: f for f in checks.run(copy)}
