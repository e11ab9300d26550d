"""Dated alerts: staff write them for an area (views.py), a reviewer approves them, and
the public sees the current ones (public.py: the list, each alert's page, the Atom feed,
and the panel on each scam type's page)."""
