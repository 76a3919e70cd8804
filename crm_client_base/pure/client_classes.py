"""The maths of the client classes (ABC/XYZ-классификация) and RFM scores, without Odoo.

- ABC: clients sorted by their amount (turnover or gross profit), largest first; a client is
  A while the share of the clients before him is below the A threshold (80 %: the client who
  crosses 80 % is still A), B below the B threshold (95 %), C after; a client whose amount is
  zero or negative is C. Equal amounts are ordered by the client's key, so a run is
  reproducible.
- XYZ: the coefficient of variation of the client's monthly turnover over the period
  (population standard deviation / mean, in %), every month of the period counted, months
  without sales as 0; X up to the X threshold (10 %), Y up to the Y threshold (25 %), Z above
  it or when the mean is not positive.
- RFM: recency (days since the last purchase, fewer is better), frequency (orders) and
  monetary (turnover), each scored 1 to 5 by quintile of rank among the clients who bought in
  the period; equal values get the same score (the score of the first of them).
- The median of the days between a client's successive purchase dates is his usual interval.
"""

import itertools
import math
from datetime import date


def median(values):
    values = sorted(values)
    n = len(values)
    if not n:
        return None
    mid = n // 2
    return float(values[mid]) if n % 2 else (values[mid - 1] + values[mid]) / 2.0


def usual_interval(dates):
    """Median of the days between successive distinct purchase dates (None under two)."""
    days = sorted(set(dates))
    return median([(b - a).days for a, b in itertools.pairwise(days)])


def coefficient_of_variation(monthly):
    """Population standard deviation / mean of the monthly amounts, in %; None when the mean
    is not positive (no or negative turnover: no stability to measure)."""
    if not monthly:
        return None
    mean = sum(monthly) / len(monthly)
    if mean <= 0:
        return None
    variance = sum((x - mean) ** 2 for x in monthly) / len(monthly)
    return math.sqrt(variance) / mean * 100.0


def cv_from_sums(total, sum_squares, months):
    """The same coefficient of variation from the sums SQL gives: the total and the sum of the
    squares of the monthly amounts over `months` months (months without sales add 0 to
    both)."""
    if not months or total is None:
        return None
    mean = total / months
    if mean <= 0:
        return None
    variance = max(sum_squares / months - mean * mean, 0.0)
    return math.sqrt(variance) / mean * 100.0


def xyz_class(cv, x_max=10.0, y_max=25.0):
    if cv is None:
        return "Z"
    if cv <= x_max:
        return "X"
    if cv <= y_max:
        return "Y"
    return "Z"


def abc_classes(amounts, a_share=80.0, b_share=95.0):
    """{key: "A" | "B" | "C"} for {key: amount}."""
    positive = sorted(((v, k) for k, v in amounts.items() if v > 0), key=lambda p: (-p[0], p[1]))
    total = sum(v for v, _k in positive)
    classes = dict.fromkeys(amounts, "C")
    before = 0.0
    for value, key in positive:
        share = before / total * 100.0
        classes[key] = "A" if share < a_share else "B" if share < b_share else "C"
        before += value
    return classes


def quintile_scores(values, higher_is_better=True):
    """{key: 1..5} for {key: value}: the rank's quintile, the best values scoring 5."""
    n = len(values)
    ordered = sorted(values.items(), key=lambda kv: (kv[1] if higher_is_better else -kv[1], kv[0]))
    scores, previous, score = {}, object(), 1
    for rank, (key, value) in enumerate(ordered):
        if value != previous:
            score = 1 + (5 * rank) // n
            previous = value
        scores[key] = score
    return scores


def rfm_scores(clients, today):
    """{key: (r, f, m)} for {key: (last_purchase_date, orders, turnover)} of the clients who
    bought; the others have no score."""
    bought = {k: v for k, v in clients.items() if v[0] and v[1] > 0}
    recency = quintile_scores({k: (today - v[0]).days for k, v in bought.items()}, False)
    frequency = quintile_scores({k: v[1] for k, v in bought.items()})
    monetary = quintile_scores({k: v[2] for k, v in bought.items()})
    return {k: (recency[k], frequency[k], monetary[k]) for k in bought}


def classify(clients, thresholds, today):
    """The classes of every client: {key: {abc_turnover, abc_profit, xyz, cv, rfm}}.

    `clients`: {key: {"turnover", "profit", "monthly": [...] or "cv", "orders", "last_date"}};
    `thresholds`: {"a", "b", "x", "y"} in %."""
    abc_t = abc_classes({k: c["turnover"] for k, c in clients.items()}, thresholds["a"],
                        thresholds["b"])  # fmt: skip
    abc_p = abc_classes({k: c["profit"] for k, c in clients.items()}, thresholds["a"],
                        thresholds["b"])  # fmt: skip
    rfm = rfm_scores(
        {k: (c["last_date"], c["orders"], c["turnover"]) for k, c in clients.items()}, today
    )
    result = {}
    for key, client in clients.items():
        cv = client["cv"] if "cv" in client else coefficient_of_variation(client["monthly"])
        result[key] = {
            "abc_turnover": abc_t[key],
            "abc_profit": abc_p[key],
            "cv": cv,
            "xyz": xyz_class(cv, thresholds["x"], thresholds["y"]),
            "rfm": rfm.get(key),
        }
    return result


def month_starts(date_from, date_to):
    """The first days of the months from `date_from`'s to `date_to`'s, both included."""
    months, current = [], date(date_from.year, date_from.month, 1)
    while current <= date_to:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def quarter_bounds(today):
    """(start of the last complete quarter, start of the one before, start of the current):
    the drop alert compares the last complete quarter with the one before it."""
    current = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)

    def back(day):
        month = day.month - 3
        return date(day.year - (month < 1), (month - 1) % 12 + 1, 1)

    last = back(current)
    return last, back(last), current
