import pytest


@pytest.fixture(autouse=True)
def _no_listeners_left_behind():
    """An editor made in a test stops listening to the language switch when the test ends, so
    later tests' switches do not relabel (and wait for) every editor made before them."""
    import systemsim.i18n as i18n

    before, listeners = i18n.get_language(), list(i18n._listeners)
    yield
    i18n._listeners[:] = listeners
    i18n.set_language(before)
