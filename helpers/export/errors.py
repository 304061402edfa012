"""The one exception the reader lets out: a message a person can act on."""


class ExportError(ValueError):
    """A LinkedIn export (or a file in it) could not be read.

    The message names the file, says what was expected, what was found and what to do next.
    """

    def __init__(self, file: str, expected: str, found: str, todo: str):
        self.file, self.expected, self.found, self.todo = file, expected, found, todo
        super().__init__(f"{file}: expected {expected}, but found {found}. {todo}")
