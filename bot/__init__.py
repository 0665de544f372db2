from bot.lazy_types import defer_aiogram_models

defer_aiogram_models()
