"""Conversation states of the computation flows (their answers are in the FSM data)."""

from aiogram.fsm.state import State, StatesGroup


class ComputeSteps(StatesGroup):
    """Step by step: the current question is ``data["steps"]["q"]``."""

    active = State()


class ComputeFile(StatesGroup):
    """Waiting for an employee file; options in ``data["file"]``."""

    waiting = State()


class ComputeResults(StatesGroup):
    """Typing results computed elsewhere: the current question is ``data["results"]["q"]``."""

    active = State()
