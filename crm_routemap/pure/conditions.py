"""Arrow conditions: which kind a condition's text is.

Plain Python. A condition is either a domain over the fields of the record the map drives
(a list literal such as ``[("expected_revenue", ">", 100000)]``: it reads fields and calls
nothing, anyone who edits maps may write it) or a Python expression, which only a system
administrator may write. The BPMN file carries both as the arrow's conditionExpression text.
"""

import ast


def is_domain(text):
    """True when `text` is a domain (a list or tuple literal), False for an expression."""
    try:
        node = ast.parse((text or "").strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return False
    return isinstance(node, (ast.List, ast.Tuple))
