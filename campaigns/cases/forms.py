from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.activities.forms import ImportForm


class CaseImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns month, org_unit, scam_type, cases, losses; UTF-8, GBK or Excel (.xlsx); at most 5 MB."),
    )
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False, initial=True)

    clean_file = ImportForm.clean_file
