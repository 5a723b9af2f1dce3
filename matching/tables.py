"""Import every module that defines tables, so SQLModel.metadata is complete (Alembic, tests)."""

from matching import (  # noqa: F401
    accounts,
    areas,
    help_requests,
    models,
    people,
    ratelimits,
    scheduling,
    taxonomy_store,
    word_counts,
)
