"""The one error raised for an answer the bot cannot take, with the text key that explains it."""


class InputError(ValueError):
    """An answer refused: ``key`` names a ``compute.error.*`` text, ``params`` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
