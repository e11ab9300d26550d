"""Every admin page an administrator opens speaks their Chinese: each changelist, each
change page (or the add page where no object exists) and each history page, in both
scripts. A page fails on any ASCII word of three or more letters that is neither in the
short allow-list (brands, protocols, formats) nor taken from the data being shown
(English names, codes, usernames, addresses, browser strings)."""

import html
import json
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from campaigns import tasks
from campaigns.models import ActivityEvent, CaseStat, KitCode, KitScan, MaterialDownload, MaterialFile
from scams.models import SharedMessage
from tests.fraudwatch.test_admin_translated import visible_text

LANGUAGES = {
    "zh-hans": {"accept-language": "zh-CN,zh;q=0.9"},
    "zh-hant": {"accept-language": "zh-TW,zh;q=0.9"},
}

# Words that stay as they are in Chinese software: formats, protocols, brands, units.
ALLOWED = {
    "FraudWatch",
    "URL",
    "URLs",
    "CSV",
    "XLSX",
    "DOCX",
    "PDF",
    "PNG",
    "JPEG",
    "WebP",
    "SVG",
    "GET",
    "POST",
    "HTTP",
    "HTTPS",
    "JSON",
    "Email",
    "UTC",
    "ISO",
    "SHA",
    "Django",
    "Control",
    "Command",
    "Mac",
    "WeChat",
    "QQ",
    "APP",
    "App",
    "SMS",
}

WORD = re.compile(r"[A-Za-z]{3,}")
# Fields whose values the admin shows as they were typed or written: English names,
# codes, usernames, addresses, browser strings, file types.
DATA_FIELDS = re.compile(
    r"^(code|slug|username|email|path|user_agent|path_info|http_accept|get_data|post_data|ip_address|url|"
    r"original_name|file|content_type|task_path|backend_name|queue_name|exception_class_path|traceback|"
    r"args_kwargs|return_value|text|pattern|title|location|notes|ref|language|message|reason|first_name|"
    r"last_name|name|password|codename|model|app_label|source|domain|id)$"
)


def data_values():
    """(English names, other values) the data holds, as the admin shows them: a page's
    text is checked with these taken out, so a word typed into the data never counts
    against the page, and a label never hides behind a value."""
    english, system = set(), set()
    models = set(admin.site._registry) | {ActivityEvent, KitCode, MaterialFile, ContentType}
    for model in list(models):
        history = getattr(model, "history", None)
        if history is not None:
            models.add(history.model)
    for model in models:
        for field in model._meta.concrete_fields:
            if field.name.endswith("_en"):
                into = english
            elif field.name.endswith("_zh"):
                # Test data names Chinese things with ASCII words too ("scam-1 的name").
                into = system
            elif DATA_FIELDS.search(field.name) or field.primary_key:
                into = system
            else:
                continue
            for stored in model.objects.values_list(field.attname, flat=True):
                for value in {str(stored).strip(), json.dumps(stored, default=str, ensure_ascii=False)}:
                    into.update(part for part in [value, *re.split(r"[/.]", value)] if WORD.search(part))
    return english, system


def english_words(text, values):
    text = MASKED.sub(" ", URL.sub(" ", text))
    for value in sorted(values, key=len, reverse=True):
        # Whole values only: "Kit" is not taken out of "Kit scans" by a kit whose code is "kit".
        text = re.sub(rf"(?<![A-Za-z]){re.escape(value)}(?![A-Za-z])", " ", text)
    return sorted({word for word in WORD.findall(text) if word not in ALLOWED})


URL = re.compile(r"https?://\S+")
# A secret shown masked (the start of a password hash or salt: "4ffc16********").
MASKED = re.compile(r"\S*\*{4,}\S*")
FILTERS = re.compile(r'<nav id="changelist-filter".*?</nav>', re.S)


@pytest.fixture
def everything(world, county, staff_a):
    """One row of every model the admin shows, so each change page is walked too."""
    request = {"user_agent": "Firefox", "ip_address": "127.0.0.9", "username": "someone", "http_accept": "*/*"}
    AccessAttempt.objects.create(**request, path_info="/x/", get_data="", post_data="", failures_since_start=2)
    AccessLog.objects.create(**request, path_info="/x/")
    AccessFailureLog.objects.create(**request, path_info="/x/", locked_out=False)
    day = world["draft"].date
    CaseStat.objects.create(
        unit=county["a"], month=day.replace(day=1), scam_type=world["scam"], cases=3, losses=1200, imported_by=staff_a
    )
    KitScan.objects.create(
        code=world["kit"].codes.first() or KitCode.objects.create(kit=world["kit"], unit=county["a"], code="k1"),
        day=day,
        count=4,
    )
    MaterialDownload.objects.create(material=world["material_published"], day=day, count=2)
    SharedMessage.objects.create(text="请点击链接领取退款", language="zh-hans", matched=world["scam"])
    tasks.send_notification_email.enqueue(0)  # a task result row, as the queue keeps one
    return world


def admin_pages():
    """(name, url) of every changelist, change (or add) and history page."""
    for model, model_admin in admin.site._registry.items():
        label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield f"{label}_changelist", reverse(f"{label}_changelist")
        obj = model_admin.get_queryset(_Request()).first()
        if obj is not None:
            yield f"{label}_change", reverse(f"{label}_change", args=[obj.pk])
            # Every admin here keeps Django's history page (simple-history's replaces some).
            yield f"{label}_history", reverse(f"{label}_history", args=[obj.pk])
        elif model_admin.has_add_permission(_Request()):
            yield f"{label}_add", reverse(f"{label}_add")


class _Request:
    """Just enough of a request for get_queryset and has_add_permission as a superuser."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(*args):
            return True

    GET = {}
    method = "GET"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_admin_page_is_in_the_readers_chinese(client, administrator, everything, language):
    client.force_login(administrator)
    english, system = data_values()
    pages = list(admin_pages())
    assert len(pages) > 60  # every changelist, and a change and history page for most
    found = {}
    for name, url in pages:
        response = client.get(url, headers=LANGUAGES[language])
        text = html.unescape(visible_text(response))
        words = english_words(text, english | system)
        # A filter's choices are names in the reader's language, without the English beside them.
        for filters in FILTERS.findall(response.content.decode()):
            words += english_words(html.unescape(visible_text_of(filters)), system)
        if "---------" in text:
            words.append("---------")
        if words:
            found[name] = sorted(set(words))
    assert not found, "\n".join(f"{name}: {' '.join(words)}" for name, words in found.items())


def visible_text_of(fragment):
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
