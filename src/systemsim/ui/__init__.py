"""ipywidgets panels for notebooks and the Voilà app.

Widgets live only here; notebooks import a panel and display it. Import the submodule you
need (`systemsim.ui.language`, `systemsim.ui.dashboard`, ...): this file stays empty so that
importing one panel never pulls in the others.
"""
