"""Identifiers and contact details: checks that give a person something to fix.

Rules from DOMAIN.md: NHS numbers use the modulus-11 check; UK postcodes are
normalised to upper case with one space.
"""

import re

from django.core.exceptions import ValidationError

# Outward code: A9, A99, AA9, AA99, A9A, AA9A; inward code: 9AA.
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise_postcode(value):
    """``' sk1 3xe '`` → ``'SK1 3XE'``; raises ValidationError if it isn't a UK postcode."""
    compact = re.sub(r"\s+", "", str(value or "")).upper()
    match = _POSTCODE.match(compact)
    if not match:
        raise ValidationError("Enter a real postcode, like SK1 3XE", code="invalid_postcode")
    return f"{match.group(1)} {match.group(2)}"


def postcode_district(postcode):
    """The outward code: ``'SK1 3XE'`` → ``'SK1'``."""
    return normalise_postcode(postcode).split(" ")[0]


def postcode_sector(postcode):
    """District plus the inward digit: ``'SK1 3XE'`` → ``'SK1 3'``."""
    outward, inward = normalise_postcode(postcode).split(" ")
    return f"{outward} {inward[0]}"


def normalise_area(value):
    """An area entry in service configuration: a district (``SK1``) or sector (``SK1 3``)."""
    parts = str(value or "").upper().split()
    # The space matters: "SK13" is a district, "SK1 3" a sector of SK1.
    if len(parts) == 1 and _OUTWARD.match(parts[0]):
        return parts[0]
    if len(parts) == 2 and _OUTWARD.match(parts[0]) and re.fullmatch(r"[0-9]", parts[1]):
        return f"{parts[0]} {parts[1]}"
    raise ValidationError(
        f"{value!r} is not a postcode district (like SK1) or sector (like SK1 3)",
        code="invalid_area",
    )


def nhs_number_is_valid(digits):
    if not re.fullmatch(r"[0-9]{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def normalise_nhs_number(value):
    """Digits only (spaces and dashes allowed in input), checked with modulus 11."""
    digits = re.sub(r"[\s-]", "", str(value or ""))
    if not re.fullmatch(r"[0-9]{10}", digits):
        raise ValidationError(
            "NHS number must be 10 digits, like 943 476 5919", code="invalid_nhs_number"
        )
    if not nhs_number_is_valid(digits):
        raise ValidationError(
            "Enter a valid NHS number. Check you have typed it correctly",
            code="invalid_nhs_number",
        )
    return digits


def format_nhs_number(digits):
    """Shown 3-3-4: ``'4857773456'`` → ``'485 777 3456'``."""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if digits else ""


def normalise_uk_phone(value):
    """A UK phone number, stored in national format without spaces: ``'07700900123'``.

    Accepts spaces, brackets, dashes and a +44 / 0044 prefix.
    """
    raw = str(value or "").strip()
    compact = re.sub(r"[\s()\-.]", "", raw)
    if compact.startswith("+44"):
        compact = "0" + compact[3:].removeprefix("0")
    elif compact.startswith("0044"):
        compact = "0" + compact[4:].removeprefix("0")
    if not re.fullmatch(r"0[1-9][0-9]{8,9}", compact):
        raise ValidationError(
            "Enter a UK phone number, like 07700 900 982 or 0161 496 0000",
            code="invalid_phone",
        )
    return compact
