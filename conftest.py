"""Run the notebooks under nbval without touching the user's home folder.

The kernels nbval starts inherit this environment: the journal and the trainer's own
vignettes go to a temporary folder for the test run. It lives at the repository's root, not
in `notebooks/`, so no test plumbing sits among the pages a trainer opens.
"""

import os
import tempfile

_tmp = tempfile.mkdtemp(prefix="systemsim-nb-")
os.environ["SYSTEMSIM_JOURNAL"] = os.path.join(_tmp, "journal.sqlite")
os.environ["SYSTEMSIM_VIGNETTE_FOLDER"] = os.path.join(_tmp, "my_vignettes")
