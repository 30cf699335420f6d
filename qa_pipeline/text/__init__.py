"""Text utilities shared by readers and analyses: scripts, sentence and word segmentation (ICU),
protected spans (URLs, placeholders), word counts, stemming, linear-time look-ups, YAML data loading."""
