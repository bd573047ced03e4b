"""Briefer: an offline briefing assistant for policy and legal staff."""

__version__ = "0.1.0"
