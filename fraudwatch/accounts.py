import time

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.validators import MaxLengthValidator
from django.db.models import Sum

# Wrong passwords within AXES_COOLOFF_TIME before sign-in is refused for that long: for
# one user name from one address, and from one address whatever the names.
FAILURES_PER_NAME = 5
FAILURES_PER_ADDRESS = 10


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


class SignInView(LoginView):
    """Django's sign-in, landing each person where their day's work starts."""

    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        from campaigns.views import landing_url_for

        return landing_url_for(self.request.user)


def failure_limit(request, credentials):
    """AXES_FAILURE_LIMIT. django-axes counts failures for each of its lockout parameters
    (the name with the address, and the address alone) but compares the largest count,
    always the address's, with a single limit. So the limit is the per-name one once
    this name has used it up from this address, and the per-address one until then."""
    failures = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return FAILURES_PER_NAME if (failures or 0) >= FAILURES_PER_NAME else FAILURES_PER_ADDRESS


TOUCHED = "_last_touch"
TOUCH_EVERY = 60  # seconds


class IdleSessionMiddleware:
    """Ends a signed-in session after SESSION_COOKIE_AGE seconds without a request.

    Rather than rewriting the session on every request (SESSION_SAVE_EVERY_REQUEST:
    a database write per page), the expiry is pushed back at most once a minute.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(TOUCHED, 0) >= TOUCH_EVERY:
                session[TOUCHED] = now  # saving the session moves its expiry date
        return response
