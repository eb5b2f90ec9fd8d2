"""The shape of the made-up history: proportions, seasons and code mixes."""

import math

from django.contrib.auth.hashers import make_password

YEARS = 3
NO_PASSWORD = make_password(None)  # nobody signs in as a generated person
CHUNK = 50_000
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Fewer referrals in the summer holidays, more after Christmas.
SEASON = {m: 1 + 0.25 * math.cos(2 * math.pi * (m - 1) / 12) for m in range(1, 13)}
ETHNICITY = ["A"] * 74 + ["B"] + ["C"] * 6 + ["D", "E", "F", "G"] + ["H"] * 3 + ["J"] * 3
ETHNICITY += ["K", "L", "M", "N", "N", "P", "R", "S", "Z", "Z", ""]
ATTENDANCE = [("5", 80), ("6", 4), ("7", 1), ("3", 6), ("2", 5), ("4", 4)]
PLACES = [("home", 70), ("family_hub", 15), ("clinic", 10), ("other", 5)]
MECHANISMS = [("01", 90), ("11", 7), ("02", 3)]
SOURCES = [("A2", 40), ("A4", 20), ("A1", 10), ("C1", 12), ("C2", 5), ("G4", 8), ("M6", 5)]
LANGUAGES = ["Polish", "Urdu", "Bengali", "Arabic", "Romanian"]
END_REASONS = ["family_withdrew", "moved_away", "not_brought", "other"]


def weighted(rng, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def reference_for(number):
    chars = []
    for _ in range(8):
        number, rest = divmod(number, 32)
        chars.append(ALPHABET[rest])
    code = "".join(reversed(chars))
    return f"VIG-{code[:4]}-{code[4:]}"
