"""The one shape of a refusal a user must read: an English msgid with its params.

Raised by services and pure checks; the edge translates it (`_(exc.message, **exc.params)`)
for a page, or prints `str(exc)` on the command line. Nothing was written when it is raised.
"""


class InputError(ValueError):
    def __init__(self, message: str, **params):
        super().__init__(message % params if params else message)
        self.message, self.params = message, params
