"""Who gets which piece of a leaver's work (issue 24, handing work over).

Plain Python, no Odoo import. A piece of work is any hashable key (the wizard uses
``(model, id)``); each comes with its client and its team (``None`` when it has none), in the
order the consultant sees them. ``allocate`` gives each piece its successor:

- ``all``: everything to the first (the only) successor;
- ``client``: each client with all his work to one successor, the clients spread evenly
  (the client with most work first, round robin, so client counts differ by one at most);
  a piece without a client counts as a client of its own;
- ``team``: each piece to the successor chosen for its team (``team_targets``; the key
  ``None`` is the work without a team);
- ``even``: the pieces dealt one by one, round robin, in the order given.
"""

MODES = ("all", "client", "team", "even")


def allocate(pieces, mode, targets=(), team_targets=None):
    """Return ``{piece: target}``.

    :param pieces: sequence of ``(piece, client, team)``
    :param mode: one of ``MODES``
    :param targets: the successors, in order (modes all, client, even)
    :param team_targets: ``{team: target}`` (mode team), one for each team of the pieces
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    pieces = list(pieces)
    if not pieces:
        return {}
    targets = list(targets)
    if mode == "team":
        team_targets = team_targets or {}
        missing = {team for _piece, _client, team in pieces} - set(team_targets)
        if missing:
            raise ValueError(f"no successor for the teams {sorted(map(str, missing))}")
        return {piece: team_targets[team] for piece, _client, team in pieces}
    if not targets:
        raise ValueError("no successor")
    if mode == "all":
        return {piece: targets[0] for piece, _client, _team in pieces}
    if mode == "even":
        return {piece: targets[i % len(targets)] for i, (piece, _c, _t) in enumerate(pieces)}
    # by client: a client keeps all his work together
    work, first_seen = {}, {}
    for i, (piece, client, _team) in enumerate(pieces):
        unit = ("client", client) if client is not None else ("piece", piece)
        work.setdefault(unit, []).append(piece)
        first_seen.setdefault(unit, i)
    units = sorted(work, key=lambda unit: (-len(work[unit]), first_seen[unit]))
    result = {}
    for i, unit in enumerate(units):
        for piece in work[unit]:
            result[piece] = targets[i % len(targets)]
    return result
