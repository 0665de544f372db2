"""Use cases: what the product does, once, below the adapters.

A Telegram router, an email handler, a web page or the scheduler translate what came in into a
call here and the result into their own words. Use cases may import ``store``, ``reports``,
``egapro_engine`` and ``egapro_assistant.config``; never ``bot``, ``mail``, ``web`` or
``scheduler``.
"""
