"""What the hand-laid-out forms of both apps share: the filter bars and the report's
filters render field by field, so each widget carries its own Bootstrap class."""

from django import forms


def add_css_classes(fields):
    """Give each field's widget the class Bootstrap styles it with, unless it has one."""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            css = "form-select"
        elif isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            css = "form-check-input"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
