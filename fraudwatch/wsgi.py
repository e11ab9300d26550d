import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudwatch.settings")
application = get_wsgi_application()

# Every worker builds the search and checker indexes as it starts, not on its first request.
from scams import search  # noqa: E402 (Django is set up only once the application exists)

search.warm()
