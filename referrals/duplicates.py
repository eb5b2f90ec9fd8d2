"""Possible duplicate referrals: the same child referred twice.

Two referrals in one service are flagged when a child has the same NHS number,
or the same date of birth with a matching surname (child's or caregiver's) or
the same postcode. Candidates are found for a whole page of referrals in a fixed
number of queries, whatever the size of the service. A pair the team has decided
about, linked as one family or said to be different families, is not flagged.
"""

from collections import defaultdict

from django.db.models import Q

from .models import Child, DifferentFamilies, DuplicateLink


def _signature(referral):
    surnames = {c.last_name.strip().lower() for c in referral.caregivers.all() if c.last_name}
    surnames |= {c.last_name.strip().lower() for c in referral.children.all() if c.last_name}
    postcodes = {c.postcode for c in referral.caregivers.all() if c.postcode}
    return surnames, postcodes


def _matches(child, referral, other_child, other_referral):
    if child.nhs_number and child.nhs_number == other_child.nhs_number:
        return True
    if child.date_of_birth and child.date_of_birth == other_child.date_of_birth:
        surnames, postcodes = _signature(referral)
        other_surnames, other_postcodes = _signature(other_referral)
        return bool(surnames & other_surnames or postcodes & other_postcodes)
    return False


def possible_duplicates(referrals):
    """``{referral.pk: [other referrals]}`` for referrals fetched ``with_people()``.

    Pairs a team lead has decided about (linked, or different families) are not
    flagged again.
    """
    referrals = list(referrals)
    if not referrals:
        return {}
    by_service = defaultdict(list)
    for referral in referrals:
        by_service[referral.service_id].append(referral)

    nhs_numbers = {c.nhs_number for r in referrals for c in r.children.all() if c.nhs_number}
    births = {c.date_of_birth for r in referrals for c in r.children.all() if c.date_of_birth}
    if not nhs_numbers and not births:
        return {}
    candidates = (
        Child.objects.filter(referral__service_id__in=by_service.keys())
        .filter(Q(nhs_number__in=nhs_numbers) | Q(date_of_birth__in=births))
        .select_related("referral")
        .prefetch_related("referral__caregivers", "referral__children")
    )
    linked = decided_pairs([r.pk for r in referrals])

    found = defaultdict(dict)
    for other_child in candidates:
        other = other_child.referral
        for referral in by_service[other.service_id]:
            if other.pk == referral.pk or frozenset((referral.pk, other.pk)) in linked:
                continue
            if any(_matches(c, referral, other_child, other) for c in referral.children.all()):
                found[referral.pk][other.pk] = other
    return {
        pk: sorted(others.values(), key=lambda r: r.received_at) for pk, others in found.items()
    }


def decided_pairs(ids):
    """The pairs, among those with a referral in ``ids``, that a team lead has decided
    about: ``{frozenset((a, b))}``, in one query."""
    links = DuplicateLink.objects.filter(Q(referral_id__in=ids) | Q(duplicate_id__in=ids))
    different = DifferentFamilies.objects.filter(Q(referral_id__in=ids) | Q(other_id__in=ids))
    pairs = links.values_list("referral_id", "duplicate_id").union(
        different.values_list("referral_id", "other_id")
    )
    return {frozenset(pair) for pair in pairs}


def links_of(referral):
    """``(kept, duplicates)``: the ids of the referrals this one is a duplicate of, and
    of those linked as duplicates of this one."""
    kept, duplicates = [], []
    for kept_id, duplicate_id in DuplicateLink.objects.filter(
        Q(referral=referral) | Q(duplicate=referral)
    ).values_list("referral_id", "duplicate_id"):
        if duplicate_id == referral.pk:
            kept.append(kept_id)
        else:
            duplicates.append(duplicate_id)
    return kept, duplicates


def linked_referrals(referral):
    kept, duplicates = links_of(referral)
    return {*kept, *duplicates}


def are_different_families(referral, other):
    first, second = sorted((referral.pk, other.pk))
    return DifferentFamilies.objects.filter(referral_id=first, other_id=second).exists()


def is_possible_duplicate(referral, other):
    """``other`` is among ``referral``'s possible duplicates (not yet linked)."""
    candidates = possible_duplicates([referral]).get(referral.pk, [])
    return other.pk in {candidate.pk for candidate in candidates}
