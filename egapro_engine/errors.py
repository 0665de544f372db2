"""The one error type the engine raises for bad input (engine-contract §1)."""


class EngineError(Exception):
    """Invalid input: a stable snake_case ``code``, a French ``message``, and ``where`` it is.

    ``where`` names a field path (``indicator1.csp_mean_salaries.ouv.30_39.men``) or a file
    position (``row 14, column pay_fte``), or is ``None`` when the whole document is at fault.
    """

    def __init__(self, code: str, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.where = where

    def as_contract(self) -> dict:
        return {"code": self.code, "message": self.message, "where": self.where}
