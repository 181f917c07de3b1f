"""Compiles the replay's modules with Cython when it can.

Each module of the package with a ``.pxd`` file beside it (the engine, events, instants…)
is ordinary Python that Cython compiles in its pure-Python mode, the ``.pxd`` giving the
types; a ``.pyx`` file is a narrow accelerator with exactly the API of the Python module it
stands in for (tests run on both). Compiling is optional: without Cython or a C compiler
the package installs all the same and runs the very same modules as Python, slower
(``escmatrix --version`` says which).
Everything else about the package is in pyproject.toml.
"""

from pathlib import Path

from setuptools import Extension, setup

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "escmatrix"
sources = sorted(
    {p.with_suffix(".py").relative_to(ROOT) for p in PACKAGE.rglob("*.pxd")}
    - {p.with_suffix(".py").relative_to(ROOT) for p in PACKAGE.rglob("*.pyx")}
    | {p.relative_to(ROOT) for p in PACKAGE.rglob("*.pyx")}
)


try:
    from Cython.Build import cythonize
except ImportError:  # building from a checkout without Cython: plain Python modules
    extensions = []
else:
    extensions = cythonize(
        [
            Extension(".".join(path.with_suffix("").parts), [str(path)], optional=True)
            for path in sources
        ],
        compiler_directives={"language_level": "3", "annotation_typing": False},
        quiet=True,
    )

setup(ext_modules=extensions)
