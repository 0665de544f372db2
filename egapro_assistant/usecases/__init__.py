"""Use cases: what the product does, once, below the adapters.

A Telegram router, an email handler, a web page or the scheduler call these functions with plain
values and get plain results; they import the store, the reports, the engine and the settings,
never an adapter (bot, mail, web, scheduler).
"""
