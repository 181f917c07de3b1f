"""Builds the compiled replay (escmatrix/simulation/_fast.pyx) when it can.

The extension is optional: without a C compiler the package installs all the same and
every replay runs on the Python engine (``escmatrix --version`` tells which is in use).
Everything else about the package is in pyproject.toml.
"""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # building from a checkout without Cython: no compiled replay
    extensions = []
else:
    extensions = cythonize(
        [
            Extension(
                "escmatrix.simulation._fast", ["escmatrix/simulation/_fast.pyx"], optional=True
            )
        ],
        compiler_directives={"language_level": "3"},
        quiet=True,
    )

setup(ext_modules=extensions)
