"""Makes tests/browser a package, so pytest imports its conftest as ``browser.conftest``.

Without it both tests/conftest.py and tests/browser/conftest.py are imported
under the one name ``conftest``, and ``from conftest import MiniBook`` in
tests/ picks up whichever was imported last. Import helpers with
``from helpers import ...`` (conftest.py puts this folder on sys.path).
"""
