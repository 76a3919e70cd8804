"""Proportional split of a number of items among people (largest remainder method).

Plain Python, no Odoo import. `allocate(total, weights)` gives each weight its share of
`total` as whole numbers summing exactly to `total`: everyone first gets the integer part of
his exact quota, then the units left go one by one to the largest remainders; equal remainders
are served in the order of the weights (stable), so the same input always gives the same split.
"""

from fractions import Fraction


def allocate(total, weights):
    """Whole shares of `total` proportional to `weights`, summing exactly to `total`.

    :param total: number of items to share (int >= 0)
    :param weights: non-negative numbers, one per recipient; at least one must be positive
        when `total` is positive
    :return: list of ints, same length and order as `weights`
    """
    if total < 0 or int(total) != total:
        raise ValueError("total must be a whole number >= 0")
    weights = [Fraction(str(w)) if isinstance(w, float) else Fraction(w) for w in weights]
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    whole = sum(weights)
    if not total:
        return [0] * len(weights)
    if not whole:
        raise ValueError("at least one weight must be positive")
    quotas = [total * w / whole for w in weights]
    shares = [int(q) for q in quotas]  # floor: quotas are non-negative
    left = total - sum(shares)
    # largest remainder first; for equal remainders the earlier recipient first
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for index in order[:left]:
        shares[index] += 1
    return shares


def split(items, weights):
    """Cut the sequence `items` into consecutive slices sized by `allocate`."""
    items = list(items)
    slices, start = [], 0
    for share in allocate(len(items), weights):
        slices.append(items[start : start + share])
        start += share
    return slices
