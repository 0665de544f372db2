"""Kept for the routers that still import it: aiogram's response types are now held for every
router by ``bot.app.RESPONSE_TYPES``."""

PINNED: tuple = ()
