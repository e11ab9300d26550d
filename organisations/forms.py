from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class _BoundedUsername:
    """Django sets the user name's max_length after the field is built, so no validator
    enforces it: an over-long name reached authenticate() and django-axes, whose record of
    the attempt then failed to save. Enforce the length before anyone authenticates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class SignInForm(_BoundedUsername, AuthenticationForm):
    pass


class AdminSignInForm(_BoundedUsername, AdminAuthenticationForm):
    pass
