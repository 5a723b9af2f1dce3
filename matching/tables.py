"""Import every module that defines tables, so SQLModel.metadata is complete (Alembic, tests)."""

from matching import models  # noqa: F401
from matching import help_requests  # noqa: F401
from matching import accounts, people  # noqa: F401
from matching import scheduling  # noqa: F401
from matching import coverage, notices, waiting  # noqa: F401
from matching.mail import outbox, reminders  # noqa: F401
from matching import taxonomy_store, word_counts  # noqa: F401
