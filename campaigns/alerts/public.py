"""What the public sees of alerts: only approved ones, only between their first and last
day. The list, each alert's page, the Atom feed, and the panel on a scam type's page."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from campaigns.models import Alert
from fraudwatch.core.bilingual import html_lang
from fraudwatch.core.pagecache import public_page
from scams.models import ScamType

PAGE_SIZE = 20
FEED_SIZE = 50


def current_alerts():
    return Alert.objects.current().select_related("unit")


@require_safe
@public_page
def alert_list(request):
    alerts = current_alerts().prefetch_related(
        Prefetch("scam_types", queryset=ScamType.objects.published().order_by("slug"))
    )
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaigns/alerts/alert_public_list.html", {"page": page})


@require_safe
@public_page
def alert_detail(request, pk):
    alert = get_object_or_404(
        current_alerts().prefetch_related(
            Prefetch("scam_types", queryset=ScamType.objects.published().order_by("slug"))
        ),
        pk=pk,
    )
    return render(
        request,
        "campaigns/alerts/alert_public_detail.html",
        {"alert": alert, "canonical_url": request.build_absolute_uri(alert.get_public_url())},
    )


def scam_type_panel(request, scam):
    """The current alerts about one scam type, for its page (see scams.panels): one query."""
    alerts = list(current_alerts().filter(scam_types=scam))
    if not alerts:
        return ""
    return render_to_string("campaigns/alerts/_alert_panel.html", {"alerts": alerts}, request=request)


class AlertFeed(Feed):
    """The current alerts as an Atom feed, in the page's language."""

    feed_type = Atom1Feed

    def title(self):
        return _("FraudWatch alerts")

    def subtitle(self):
        return _("Current warnings about telecom and online fraud, from the outreach teams.")

    def link(self):
        return reverse("alerts:list")

    def feed_url(self):
        return reverse("alerts:feed")

    def author_name(self):
        return _("FraudWatch")

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = html_lang(get_language())  # zh-Hans, as the pages say, not zh-hans
        return feed

    def items(self):
        return current_alerts()[:FEED_SIZE]

    def item_title(self, alert):
        return str(alert.t.title)

    def item_description(self, alert):
        # The summary is sent as HTML: the text is escaped first, then its lines kept.
        area = escape(alert.unit.t.name)
        return f"<p>{area} · {alert.start:%Y-%m-%d} – {alert.end:%Y-%m-%d}</p>" + linebreaks(
            str(alert.t.body), autoescape=True
        )

    def item_link(self, alert):
        return alert.get_public_url()

    def item_pubdate(self, alert):
        return alert.published_at()

    def item_updateddate(self, alert):
        return alert.published_at()


alert_feed = require_safe(public_page(AlertFeed()))
