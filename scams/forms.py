from django import forms
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_LENGTH = 2000


class MessageField(forms.CharField):
    def to_python(self, value):
        # Browsers send a line break as \r\n but count it as one character against maxlength.
        return super().to_python(value).replace("\r\n", "\n")


class CheckForm(forms.Form):
    text = MessageField(
        label=_("The message, or what the caller said"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Paste a text message or chat, or describe the call in a sentence. At most 2,000 characters."),
    )
    share = forms.BooleanField(
        label=_("Share this message anonymously to help warn others"),
        required=False,
        help_text=_(
            "Only if you tick this is the message kept: phone, ID and card numbers are masked first, and nothing "
            "about you is stored. Staff read it before it is used. Please remove names and addresses."
        ),
    )
