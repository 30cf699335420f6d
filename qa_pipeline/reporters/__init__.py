"""Reporters only print: each turns a :class:`~qa_pipeline.model.RunReport` into text or files."""
