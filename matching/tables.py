"""Import every module that defines tables, so SQLModel.metadata is complete (Alembic, tests)."""

from matching import (  # noqa: F401
    accounts,
    help_requests,  # noqa: F401
    models,  # noqa: F401
    people,
    scheduling,  # noqa: F401
)
