"""The demo database: the April 2025 congressional letter on Armenian detainees."""

from casetracker.demo.builder import DEMO_LETTER_TITLE, load_demo

__all__ = ["DEMO_LETTER_TITLE", "load_demo"]
