"""Import every module that defines tables, so SQLModel.metadata is complete (Alembic, tests)."""

from matching import (  # noqa: F401
    accounts,
    areas,
    coverage,
    help_requests,
    models,
    people,
    ratelimits,
    scheduling,
    taxonomy_store,
    waiting,
    word_counts,
)
from matching.mail import outbox, reminders  # noqa: F401
