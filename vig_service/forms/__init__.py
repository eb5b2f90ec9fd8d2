"""Form fields the NHS.UK design system needs and Django does not have."""

from .dates import DateInputField, DateInputWidget

__all__ = ["DateInputField", "DateInputWidget"]
