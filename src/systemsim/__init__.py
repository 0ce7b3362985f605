"""systemsim: training and what-if simulation for systemic child-protection work.

The package is split so that content (scenarios, vignettes, families, translations) is data,
the model never imports presentation code, and notebooks only call into the package.
"""

__version__ = "0.1.0"
