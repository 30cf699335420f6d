"""Language identification: scripts and lingua restricted to the language pair (detect), the
untranslated-text analysis of a segment (untranslated, tokens, names) and its worker process (worker)."""
