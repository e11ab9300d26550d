"""The organisation: units and their kinds (models.py), the roles people hold on them and what
those allow (roles.py), and the units a form offers (forms.py)."""
