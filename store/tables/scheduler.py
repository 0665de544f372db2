"""What periodic jobs remember between runs and across restarts."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from store.tables.columns import timestamp_field


class SchedulerState(SQLModel, table=True):
    """The last moment a job (e.g. "reminders") completed: the next run looks at what became due
    since then, so a restart neither repeats nor floods."""

    __tablename__ = "scheduler_state"

    job: str = Field(primary_key=True, max_length=64)
    last_run_at: datetime = timestamp_field(nullable=False)
