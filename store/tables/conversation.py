"""The Telegram conversation state (aiogram FSM), kept in the database so it survives restarts."""

from datetime import datetime
from typing import Any

from sqlmodel import Field, SQLModel

from store.tables.columns import json_field, timestamp_field


class FsmRecord(SQLModel, table=True):
    __tablename__ = "fsm_record"

    key: str = Field(primary_key=True, max_length=255)
    state: str | None = None
    data: dict[str, Any] = json_field()
    updated_at: datetime | None = timestamp_field()
