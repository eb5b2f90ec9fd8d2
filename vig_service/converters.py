"""Path converters for the identifiers that appear in URLs.

Families and referrals are named by their reference (``VIG-7KQ3-M2XD``), visits
and goals by a UUID (Django's own ``<uuid:…>``), never by a sequential id.
A consent withdrawal is named by the moment it was recorded.
"""

from django.urls import register_converter


class ReferenceConverter:
    """A referral reference: ``VIG-`` and two groups of four letters or digits."""

    regex = r"VIG-[A-Z0-9]{4}-[A-Z0-9]{4}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class StampConverter:
    """A UTC moment to the microsecond, as ``20261201T093000123456Z``."""

    regex = r"\d{8}T\d{12}Z"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


def register():
    register_converter(ReferenceConverter, "reference")
    register_converter(StampConverter, "stamp")
