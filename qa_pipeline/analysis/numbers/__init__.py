"""Numbers in any script, read the way the text's locale reads them (extract), compared between
source, target and siblings (compare); separators, number words, calendars, units and special tokens."""
