"""qa-pipeline: a translation quality checker with MQM scoring."""

__version__ = "0.2.0"
