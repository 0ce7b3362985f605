import pytest

#: A small valid family that uses every section: tests change a copy of it one way at a time.
BASE = {
    "kind": "family",
    "id": "test",
    "index": "eeli",
    "people": [
        {"id": "mika", "name": "Mika", "sex": "male", "born": 1983},
        {"id": "anna", "name": "Anna", "sex": "female", "born": 1986},
        {"id": "eeli", "name": "Eeli", "sex": "male", "born": 2015},
        {"id": "ella", "name": "Ella", "sex": "female", "born": 2018},
        {"id": "elsa", "name": "Elsa", "sex": "female", "born": 2018},
        {"id": "liisa", "name": "Liisa", "sex": "female", "born": 1959, "died": 2020},
    ],
    "unions": [
        {"partners": ["mika", "anna"], "type": "marriage", "start": 2012, "divorced": 2021,
         "children": [{"id": "eeli", "relation": "biological"},
                      {"id": "ella", "relation": "biological", "twin_of": "elsa"},
                      {"id": "elsa", "relation": "biological", "twin_of": "ella"}]},
    ],
    "single_parents": [{"parent": "liisa", "child": "anna", "relation": "biological"}],
    "relations": [{"between": ["anna", "liisa"], "type": "close"},
                  {"from": "mika", "to": "anna", "type": "abuse"}],
    "households": [{"members": ["anna", "eeli"], "label": {"fi": "Koti", "sv": "Hem",
                                                           "en": "Home"}}],
    "network": [{"id": "mummo", "person": "liisa", "sector": "family", "closeness": 1,
                 "tie": "strong", "flow": "to"}],
}



@pytest.fixture(autouse=True)
def _no_listeners_left_behind():
    """An editor made in a test stops listening to the language switch when the test ends, so
    later tests' switches do not relabel (and wait for) every editor made before them."""
    import systemsim.i18n as i18n

    before, listeners = i18n.get_language(), list(i18n._listeners)
    yield
    i18n._listeners[:] = listeners
    i18n.set_language(before)


@pytest.fixture
def switch():
    """The page's language switch, set to Finnish; only editors made in the test listen to it,
    and the language and listeners are put back afterwards."""
    import systemsim.i18n as i18n
    from systemsim.ui.language import language_switch

    before, listeners = i18n.get_language(), list(i18n._listeners)
    i18n._listeners.clear()
    toggle = language_switch()
    toggle.value = "fi"
    yield toggle
    i18n._listeners[:] = listeners
    i18n.set_language(before)
