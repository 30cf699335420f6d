"""Source fidelity: placeholders by syntax, ICU MessageFormat, markup, literals (URLs, e-mails,
paths, options, escapes), accelerators, brackets, consistency, glossaries and length limits."""
