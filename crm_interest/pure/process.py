"""Which state moves an interest's process kind allows.

Plain Python, no Odoo import: `crm.lead` asks `refusal()` before any state change and
turns the answer into a translated error.
"""

NONE = "none"
MANUAL = "manual"
ROUTEMAP = "routemap"
KINDS = (NONE, MANUAL, ROUTEMAP)

# Reasons a move is refused; crm.lead maps each to a translated message.
OUTSIDE_SCENARIO = "outside_scenario"
NON_PROCESS = "non_process"
CONTROLLED = "controlled"


def refusal(kind, target_in_scenario, target_is_won, by_route_map):
    """Why moving an interest of `kind` to a state is refused, or None when it is allowed.

    - a state of another scenario is never allowed;
    - a controlled (route-map) interest moves only when its route map moves it;
    - a non-process interest has no stages: only "won" may be reached (lost is no move);
    - a manual interest moves anywhere in its scenario, forward, back or skipping.
    """
    if not target_in_scenario:
        return OUTSIDE_SCENARIO
    if kind == ROUTEMAP and not by_route_map:
        return CONTROLLED
    if kind == NONE and not target_is_won and not by_route_map:
        return NON_PROCESS
    return None


def kind_switch_allowed(old, new, by_route_map):
    """Switching process kind by hand: anything but *into* route-map control.

    Route-map control only begins when a route map takes the interest
    (`by_route_map`); leaving it for manual work is allowed and one-way.
    """
    if old == new:
        return True
    return new != ROUTEMAP or by_route_map
