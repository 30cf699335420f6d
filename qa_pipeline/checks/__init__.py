"""Code-defined rules, one module each: ``qaNNN_<name>.py`` setting ``RULE``."""
