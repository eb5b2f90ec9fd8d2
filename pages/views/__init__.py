"""Public footer pages and feedback (``public``); the staff feedback page (``staff``)."""

from .public import accessibility, contact, cookies, feedback, feedback_thanks, privacy
from .staff import staff_feedback

__all__ = [
    "accessibility",
    "contact",
    "cookies",
    "feedback",
    "feedback_thanks",
    "privacy",
    "staff_feedback",
]
