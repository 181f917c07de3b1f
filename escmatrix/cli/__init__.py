"""The command line. Only this package imports typer; each command is a small module that
parses its options, calls the library and hands the result to an output."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from escmatrix import __version__


class _Command(TyperCommand):
    """Usage lines as the README writes them: ``escmatrix render [OPTIONS] MATRIX``
    (Typer braces required arguments: ``{MATRIX}``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]

    def invoke(self, ctx: Any) -> Any:
        """Run the command; an error of the system that no step turned into a message (a
        file that cannot be written, a full disk) is one, with exit code 2."""
        try:
            return super().invoke(ctx)
        except OSError as error:
            from escmatrix.cli._common import fail, output_failed

            if error.filename is not None:
                fail(f"{error.filename}: {error.strerror or error}")
            output_failed("standard output", error)


app = typer.Typer(
    name="escmatrix",
    help="Escalation matrices you can validate, render, export and run against ticket logs.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # ticket data must not leak into crash output
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish, PowerShell)
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from escmatrix import COMPILED, compiled

        done = len(compiled())
        state = "compiled" if done == len(COMPILED) else f"{done} of {len(COMPILED)} compiled"
        typer.echo(f"escmatrix {__version__} (replay: {state if done else 'Python'})")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Escalation matrices you can validate, render, export and run against ticket logs."""


def _register() -> None:
    from escmatrix.cli import (
        audit,
        diff,
        explain,
        export,
        importer,
        init,
        render,
        schema,
        simulate,
        validate,
    )

    commands = (validate, render, explain, simulate, audit, diff, export, importer, init, schema)
    for module in commands:
        module.register(app)
    for command in app.registered_commands:
        command.cls = _Command


_register()


def main() -> None:
    from escmatrix.cli._process import run

    run(app)
