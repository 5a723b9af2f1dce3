"""Import every module that defines tables, so SQLModel.metadata is complete (Alembic, tests)."""

from matching import models  # noqa: F401
