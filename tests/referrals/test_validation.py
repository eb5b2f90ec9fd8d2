import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from referrals.codes import waiting_band
from referrals.references import ALPHABET, new_reference, normalise_reference
from referrals.validation import (
    format_nhs_number,
    nhs_number_is_valid,
    normalise_area,
    normalise_nhs_number,
    normalise_postcode,
    normalise_uk_phone,
    postcode_district,
    postcode_sector,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("sk1 3xe", "SK1 3XE"),
        ("SK13XE", "SK1 3XE"),
        ("  m1   1aa ", "M1 1AA"),
        ("b338th", "B33 8TH"),
        ("cr26xh", "CR2 6XH"),
        ("dn551pt", "DN55 1PT"),
        ("w1a 1hq", "W1A 1HQ"),
        ("ec1a1bb", "EC1A 1BB"),
    ],
)
def test_postcodes_are_normalised(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize(
    "junk", ["", "SK1", "12345", "SK1 3X", "SK1 3XEE", "Q", "<script>", "SK1-3XE"]
)
def test_not_postcodes_get_a_kind_error(junk):
    with pytest.raises(ValidationError, match="Enter a real postcode"):
        normalise_postcode(junk)


def test_districts_and_sectors():
    assert postcode_district("sk13 8ab") == "SK13"
    assert postcode_sector("sk13 8ab") == "SK13 8"
    assert normalise_area("sk1 3") == "SK1 3"  # a sector of SK1
    assert normalise_area("sk13") == "SK13"  # a district
    with pytest.raises(ValidationError):
        normalise_area("SK1 3XE")


def test_nhs_number_modulus_11():
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")
    assert normalise_nhs_number("943 476 5919") == "9434765919"
    assert normalise_nhs_number("943-476-5919") == "9434765919"
    assert format_nhs_number("9434765919") == "943 476 5919"
    with pytest.raises(ValidationError, match="10 digits"):
        normalise_nhs_number("94347659")
    with pytest.raises(ValidationError, match="valid NHS number"):
        normalise_nhs_number("9434765918")


def test_a_check_digit_of_ten_is_never_valid():
    # Weights 10..2 over 000000001 give 2; 11 - 2 = 9. Over 000000060: 6*3=18 → 11-7=4.
    # Search the first number whose check would be 10 and prove it is refused.
    for n in range(1_000_000_000):
        digits = f"{n:09d}"
        total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
        if 11 - total % 11 == 10:
            assert not any(nhs_number_is_valid(digits + str(d)) for d in range(10))
            break


@given(st.text(max_size=30))
def test_nhs_number_check_never_crashes(text):
    assert nhs_number_is_valid(text) in (True, False)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07700 900982", "07700900982"),
        ("+44 7700 900982", "07700900982"),
        ("+44 (0)161 496 0000", "01614960000"),
        ("0044 161 496 0000", "01614960000"),
        ("(0161) 496-0000", "01614960000"),
    ],
)
def test_uk_phone_numbers(typed, stored):
    assert normalise_uk_phone(typed) == stored


@pytest.mark.parametrize(
    "junk", ["", "999", "123456789012", "+1 212 555 0100", "phone me", "00000000000"]
)
def test_not_uk_phone_numbers(junk):
    with pytest.raises(ValidationError, match="Enter a UK phone number"):
        normalise_uk_phone(junk)


def test_references_are_unambiguous_and_forgiving():
    reference = new_reference()
    assert len(reference) == 13 and reference.startswith("VIG-") and reference[8] == "-"
    assert set(reference[4:8] + reference[9:]) <= set(ALPHABET)
    assert not set("01ILOSZB258") & set(ALPHABET)
    assert normalise_reference(reference.lower().replace("-", " ")) == reference
    assert normalise_reference("7KQ3M4XD") == "VIG-7KQ3-M4XD"
    assert normalise_reference("nonsense") == ""


@pytest.mark.parametrize(
    ("days", "band"),
    [
        (0, "0 to 1 weeks"),
        (7, "0 to 1 weeks"),
        (8, "1 to 2 weeks"),
        (14, "1 to 2 weeks"),
        (15, "2 to 4 weeks"),
        (28, "2 to 4 weeks"),
        (29, "4 to 12 weeks"),
        (84, "4 to 12 weeks"),
        (85, "12 to 18 weeks"),
        (126, "12 to 18 weeks"),
        (127, "18 to 52 weeks"),
        (364, "18 to 52 weeks"),
        (365, "52 weeks or more"),
        (3000, "52 weeks or more"),
    ],
)
def test_national_waiting_bands(days, band):
    assert waiting_band(days) == band
