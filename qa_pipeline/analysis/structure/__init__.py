"""Structure: source alignment with merges and splits (align), omitted paragraphs (omission),
length and sentence-count outliers (outliers)."""
