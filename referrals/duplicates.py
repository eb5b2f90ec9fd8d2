"""Possible duplicate referrals: the same child referred twice.

Two referrals in one service are flagged when a child has the same NHS number,
or the same date of birth with a matching surname (child's or caregiver's) or
the same postcode. What each referral could match on is stored with it as
normalised keys (``MatchKey``) when it is written, so the database finds the
candidates for a whole page of referrals in one indexed query, however many
families the service holds. A pair the team has decided about, linked as one
family or said to be different families, is not flagged.
"""

from collections import defaultdict

from django.db.models import Q

from .models import DifferentFamilies, DuplicateLink, MatchKey, Referral


def match_keys(children, caregivers):
    """The keys a referral with these children and caregivers matches another on.

    A pair matches when a child of each shares an NHS number, or a date of birth
    and one of the surnames (children's and caregivers') or postcodes of the two
    referrals: so each date of birth is keyed with each surname and postcode."""
    surnames = {p.last_name.strip().lower() for p in [*caregivers, *children] if p.last_name}
    postcodes = {c.postcode for c in caregivers if c.postcode}
    keys = {f"nhs:{c.nhs_number}" for c in children if c.nhs_number}
    for birth in {c.date_of_birth for c in children if c.date_of_birth}:
        keys |= {f"dob:{birth.isoformat()}:name:{surname}" for surname in surnames}
        keys |= {f"dob:{birth.isoformat()}:postcode:{postcode}" for postcode in postcodes}
    return keys


def store_match_keys(referrals):
    """Write (again) the match keys of ``referrals``: call it whenever a referral's
    children or caregivers are written. Three queries however many referrals."""
    ids = [referral.pk for referral in referrals]
    people = Referral.objects.filter(pk__in=ids).prefetch_related("children", "caregivers")
    rows = [
        MatchKey(referral_id=referral.pk, service_id=referral.service_id, key=key)
        for referral in people
        for key in match_keys(referral.children.all(), referral.caregivers.all())
    ]
    MatchKey.objects.filter(referral_id__in=ids).delete()
    MatchKey.objects.bulk_create(rows, batch_size=2000)


def possible_duplicates(referrals, among=None):
    """``{referral.pk: [other referrals]}``, each list oldest first.

    Three queries, whatever the number of referrals or families: the referrals
    sharing a key with one of ``referrals``, the pairs a team lead has decided
    about (linked, or different families — not flagged again), and the others
    themselves, from ``among`` (a queryset of referrals: those a person may see).
    """
    ids = [referral.pk for referral in referrals]
    if not ids:
        return {}
    mine = MatchKey.objects.filter(referral_id__in=ids)
    # The services as values, not a subquery: then PostgreSQL walks the
    # (service, key) index for the page's keys instead of hashing every key the
    # services hold (a scan that grew with the number of families).
    services = {referral.service_id for referral in referrals}
    shared = MatchKey.objects.filter(
        service_id__in=services, key__in=mine.values("key")
    ).values_list("service_id", "key", "referral_id")
    holders = defaultdict(set)
    for service_id, key, referral_id in shared:
        holders[service_id, key].add(referral_id)
    pairs = defaultdict(set)
    for group in holders.values():
        for referral_id in group.intersection(ids):
            pairs[referral_id] |= group - {referral_id}
    if not pairs:
        return {}
    decided = decided_pairs(ids)
    pairs = {
        pk: {other for other in others if frozenset((pk, other)) not in decided}
        for pk, others in pairs.items()
    }
    wanted = set().union(*pairs.values())
    if not wanted:
        return {}
    among = Referral.objects.all() if among is None else among
    others = among.filter(pk__in=wanted).only("pk", "reference", "received_at", "status")
    others = list(others.order_by("received_at", "pk"))
    found = {
        pk: [other for other in others if other.pk in matched] for pk, matched in pairs.items()
    }
    return {pk: matches for pk, matches in found.items() if matches}


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
