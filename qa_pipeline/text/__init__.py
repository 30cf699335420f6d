"""Shared text helpers: scripts, segmentation, word counts, tokens (numbers and language id live here too)."""
