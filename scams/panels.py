"""Sections that other apps add to a scam type's page, without scams importing them.

A panel is a callable `panel(request, scam)` that returns HTML for the page, or "" to
show nothing. An app registers its panels in its AppConfig.ready(); the detail view
shows them, in the order registered, below the page's header. A panel runs a fixed
number of queries, whatever the data: the page's query budget counts on it.
"""

_panels = []


def register(panel):
    if panel not in _panels:
        _panels.append(panel)
    return panel


def render(request, scam):
    """The HTML of every registered panel that has something to show."""
    return [html for html in (panel(request, scam) for panel in _panels) if html]
